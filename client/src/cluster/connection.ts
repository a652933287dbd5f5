/**
 * HTTP access to the API server of the active kubeconfig context. Credentials come from client-node's
 * KubeConfig (tokens, client certificates, exec plugins such as `aws eks get-token`); requests go out
 * with Node's http(s) so that timeouts, cancellation and every failure are ours to map into ClusterError
 * with a message that says what to do. Messages pass through `redact` with the kubeconfig's secrets.
 */
import * as http from 'http';
import * as https from 'https';
import * as path from 'path';
import type { KubeConfig } from '@kubernetes/client-node';
import { ClusterError, type FieldCause } from './errors';
import { userCredentialProblem } from './kubeconfig';
import { addSecrets, basicAuthSecrets, credentialsOfUserinfo, redact, secretsOf, stripUserinfo, userinfoOf } from './redact';

export interface ConnectionOptions {
  /** Per-request timeout (connect + answer) in ms. Default 30 s. */
  timeoutMs?: number;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  text: string;
  body: any;
}

/** The Status object the API server returns on errors. */
interface K8sStatus {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] };
}

export class Connection {
  /** The server URL without credentials (safe to show). */
  readonly server: string;
  readonly context: string;
  /** The name of the context's cluster entry (for EKS usually the cluster ARN). */
  readonly cluster: string;
  readonly user: string;
  private readonly secrets: string[];
  private readonly timeoutMs: number;
  /** `user:password` written into the server URL: sent as basic auth when nothing else authenticates (as kubectl does). */
  private readonly urlCredentials?: { username: string; password?: string };

  constructor(
    readonly kc: KubeConfig,
    opts: ConnectionOptions = {},
  ) {
    this.context = kc.getCurrentContext();
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new ClusterError('no-config', `The context "${this.context}" names no cluster that exists in the kubeconfig.`);
    const ui = userinfoOf(cluster.server);
    if (ui !== undefined) this.urlCredentials = credentialsOfUserinfo(ui);
    this.server = stripUserinfo(cluster.server).replace(/\/+$/, '');
    this.cluster = kc.getContextObject(this.context)?.cluster ?? cluster.name;
    this.user = kc.getContextObject(this.context)?.user ?? '';
    this.secrets = secretsOf(kc);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /** Redact this kubeconfig's secrets (and secret-shaped text) from a string. */
  redact(s: string): string {
    return redact(s, this.secrets);
  }

  /** Build the request's TLS agent and auth headers; exec plugin failures become 'auth-plugin' errors. */
  private async auth(): Promise<{ agent?: http.Agent; headers: Record<string, string> }> {
    const opts: https.RequestOptions & { headers: Record<string, string> } = { headers: {} };
    const problem = userCredentialProblem(this.kc, this.user);
    if (problem) throw new ClusterError('no-config', problem);
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (err) {
      throw this.authFailure(err);
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) headers[k] = String(v);
    const basic = (opts as { auth?: string }).auth;
    if (basic) headers.Authorization = 'Basic ' + Buffer.from(basic).toString('base64');
    if (!headers.Authorization && this.urlCredentials?.password !== undefined) {
      headers.Authorization = 'Basic ' + Buffer.from(`${this.urlCredentials.username}:${this.urlCredentials.password}`).toString('base64');
    }
    this.learn(headers.Authorization, basic, opts.key);
    return { agent: opts.agent as http.Agent | undefined, headers };
  }

  /**
   * Credentials known only at run time (the token an exec plugin printed, the key it returned) join this
   * connection's secrets, so a server or proxy that echoes them back cannot put them in a message.
   */
  private learn(authorization: string | undefined, basic: string | undefined, key: unknown): void {
    const found: string[] = [];
    if (authorization) {
      const m = /^\s*(\w+)\s+(.+)$/.exec(authorization);
      if (m) {
        found.push(m[2].trim());
        if (/^basic$/i.test(m[1])) found.push(Buffer.from(m[2].trim(), 'base64').toString('utf8'));
      } else found.push(authorization);
    }
    if (basic) {
      const i = basic.indexOf(':');
      found.push(...basicAuthSecrets(i < 0 ? basic : basic.slice(0, i), i < 0 ? undefined : basic.slice(i + 1)));
    }
    if (typeof key === 'string' || Buffer.isBuffer(key)) found.push(String(key));
    addSecrets(this.secrets, found);
  }

  private url(p: string, query?: RequestOptions['query']): URL {
    const u = new URL(this.server + p);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u;
  }

  /** Send one request; resolves with any HTTP status, rejects only for transport/auth/cancel failures. */
  async request(method: string, p: string, o: RequestOptions = {}): Promise<RawResponse> {
    if (o.signal?.aborted) throw new ClusterError('cancelled', 'Cancelled.');
    const { agent, headers } = await this.auth();
    const u = this.url(p, o.query);
    const payload = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    headers.Accept = 'application/json';
    if (payload !== undefined) {
      headers['Content-Type'] = o.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const timeout = o.timeoutMs ?? this.timeoutMs;
    return new Promise<RawResponse>((resolve, reject) => {
      const lib = u.protocol === 'http:' ? http : https;
      let done = false;
      const finish = (f: () => void) => {
        if (!done) {
          done = true;
          clearTimeout(timer);
          o.signal?.removeEventListener('abort', onAbort);
          f();
        }
      };
      const req = lib.request(u, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => finish(() => reject(this.transportFailure(e))));
        res.on('end', () =>
          finish(() => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              body = undefined;
            }
            resolve({ status: res.statusCode ?? 0, text, body });
          }),
        );
      });
      const timer = setTimeout(() => {
        finish(() =>
          reject(
            new ClusterError(
              'timeout',
              `The API server at ${this.server} did not answer within ${Math.round(timeout / 100) / 10} s (context "${this.context}"). Check the network path to the cluster endpoint (VPN, proxy, a private-only EKS endpoint) or raise eksManifests.cluster.requestTimeout.`,
            ),
          ),
        );
        req.destroy();
      }, timeout);
      const onAbort = () => {
        finish(() => reject(new ClusterError('cancelled', 'Cancelled.')));
        req.destroy();
      };
      o.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e) => finish(() => reject(this.transportFailure(e))));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Request and return the JSON body; non-2xx statuses become ClusterError via `statusError`. */
  async call<T = any>(method: string, p: string, o: RequestOptions = {}): Promise<T> {
    const r = await this.request(method, p, o);
    if (r.status >= 200 && r.status < 300) return r.body as T;
    throw this.statusError(r, { verb: method });
  }

  /**
   * Open a streaming GET (watch) and hand each JSON line to `onEvent`. Resolves when the server ends the
   * stream, rejects on errors; abort with `signal`. No overall timeout (watches are long), only connect.
   */
  async stream(p: string, query: RequestOptions['query'], onEvent: (ev: any) => void, signal: AbortSignal): Promise<void> {
    const { agent, headers } = await this.auth();
    const u = this.url(p, query);
    headers.Accept = 'application/json';
    return new Promise<void>((resolve, reject) => {
      const lib = u.protocol === 'http:' ? http : https;
      let done = false;
      const finish = (f: () => void) => {
        if (!done) {
          done = true;
          clearTimeout(connectTimer);
          signal.removeEventListener('abort', onAbort);
          f();
        }
      };
      const req = lib.request(u, { method: 'GET', headers, agent }, (res) => {
        clearTimeout(connectTimer);
        if ((res.statusCode ?? 0) >= 300) {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            finish(() => {
              const text = Buffer.concat(chunks).toString('utf8');
              let body: unknown;
              try {
                body = JSON.parse(text);
              } catch {
                /* not JSON */
              }
              reject(this.statusError({ status: res.statusCode ?? 0, text, body }, { verb: 'watch' }));
            }),
          );
          return;
        }
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          buf += c;
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl).trim();
            buf = buf.slice(nl + 1);
            if (!line) continue;
            let ev: unknown;
            try {
              ev = JSON.parse(line);
            } catch {
              continue;
            }
            try {
              onEvent(ev);
            } catch {
              /* a consumer bug must not kill the stream */
            }
          }
        });
        res.on('error', (e) => finish(() => reject(this.transportFailure(e))));
        res.on('aborted', () =>
          finish(() => reject(new ClusterError('unreachable', `The watch connection to ${this.server} was interrupted.`))),
        );
        res.on('close', () => finish(() => (signal.aborted ? reject(new ClusterError('cancelled', 'Cancelled.')) : resolve())));
        res.on('end', () => finish(() => resolve()));
      });
      const connectTimer = setTimeout(() => {
        finish(() =>
          reject(
            new ClusterError('timeout', `The API server at ${this.server} did not answer the watch within ${this.timeoutMs / 1000} s.`),
          ),
        );
        req.destroy();
      }, this.timeoutMs);
      const onAbort = () => {
        finish(() => reject(new ClusterError('cancelled', 'Cancelled.')));
        req.destroy();
      };
      req.on('error', (e) => finish(() => reject(this.transportFailure(e))));
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      req.end();
    });
  }

  /** Map a socket/TLS error to a ClusterError. */
  transportFailure(e: unknown): ClusterError {
    const err = e as NodeJS.ErrnoException;
    const code = err?.code ?? '';
    const where = `${this.server} (context "${this.context}")`;
    const raw = this.redact(String(err?.message ?? err));
    if (code === 'ECONNREFUSED')
      return new ClusterError(
        'unreachable',
        `Cannot reach the API server at ${where}: connection refused. Is the cluster running and is the server address in the kubeconfig right?`,
        { serverMessage: raw },
      );
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return new ClusterError(
        'unreachable',
        `Cannot reach the API server at ${where}: its host name does not resolve. Check the server address in the kubeconfig (for EKS, \`aws eks update-kubeconfig\` rewrites it) and your DNS/VPN.`,
        { serverMessage: raw },
      );
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET' || code === 'EPIPE')
      return new ClusterError(
        'unreachable',
        `Cannot reach the API server at ${where}: ${code}. Check the network path (VPN, proxy, security groups; a private-only EKS endpoint is reachable only from its VPC).`,
        { serverMessage: raw },
      );
    if (code === 'ETIMEDOUT')
      return new ClusterError(
        'timeout',
        `Connecting to the API server at ${where} timed out. Check the network path (VPN, proxy, a private-only EKS endpoint).`,
        { serverMessage: raw },
      );
    if (
      /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|EPROTO|ERR_SSL|ERR_TLS/.test(code) ||
      /certificate|SSL|TLS/i.test(raw)
    ) {
      return new ClusterError(
        'tls',
        `TLS with the API server at ${where} failed: ${raw} (${code || 'tls'}). The kubeconfig's certificate-authority data does not match the server's certificate; refresh it (for EKS: \`aws eks update-kubeconfig\`).`,
        { serverMessage: raw },
      );
    }
    if (err instanceof ClusterError) return err;
    return new ClusterError('unreachable', `Request to the API server at ${where} failed: ${raw}`, { serverMessage: raw });
  }

  /** The exec plugin (or token file / client key) could not produce credentials. */
  authFailure(e: unknown): ClusterError {
    const err = e as NodeJS.ErrnoException;
    const user = this.kc.getCurrentUser();
    const exec = (user as unknown as { exec?: { command?: string; args?: string[]; env?: { name: string; value: string }[] } } | null)
      ?.exec;
    if (!exec?.command) {
      return new ClusterError(
        'auth-plugin',
        `Could not load the credentials of kubeconfig user "${this.user}": ${this.redact(String(err?.message ?? err))}`,
      );
    }
    const cmd = exec.command;
    const base = path.basename(cmd).replace(/\.exe$/i, '');
    const isAws = base === 'aws';
    const args = exec.args ?? [];
    const argAfter = (flag: string) => {
      const i = args.indexOf(flag);
      return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(flag + '='))?.slice(flag.length + 1);
    };
    const envVal = (n: string) => exec.env?.find((e) => e?.name === n)?.value;
    const profile = argAfter('--profile') ?? envVal('AWS_PROFILE') ?? process.env.AWS_PROFILE;
    const clusterName = argAfter('--cluster-name') ?? argAfter('--cluster-id');
    const what = isAws ? `\`aws eks get-token${clusterName ? ` --cluster-name ${clusterName}` : ''}\`` : `\`${base}\``;
    if (err?.code === 'ENOENT') {
      if (isAws)
        return new ClusterError(
          'auth-plugin',
          `The kubeconfig user "${this.user}" gets its token by running ${what}, but the \`aws\` program was not found ("${cmd}" is not on the PATH VS Code sees). Install the AWS CLI v2, or put its full path in the kubeconfig's exec command, then restart VS Code so it picks up the new PATH.`,
        );
      return new ClusterError(
        'auth-plugin',
        `The kubeconfig user "${this.user}" gets its credentials by running \`${cmd}\`, which was not found on the PATH VS Code sees. Install it or put its full path in the kubeconfig's exec command.`,
      );
    }
    if (err?.code === 'EACCES')
      return new ClusterError(
        'auth-plugin',
        `The kubeconfig user "${this.user}" runs \`${cmd}\` for credentials, but it is not executable (permission denied).`,
      );
    const said = this.redact(String(err?.message ?? err))
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 4)
      .join(' ');
    const p = profile ? `"${profile}"` : 'the default profile';
    if (isAws || /aws|profile|credentials|sso/i.test(said)) {
      if (/config profile \(([^)]*)\) could not be found|profile .* (could not be found|not found|does not exist)/i.test(said)) {
        const named = /config profile \(([^)]*)\)/i.exec(said)?.[1] ?? profile ?? '';
        return new ClusterError(
          'auth-plugin',
          `The AWS profile "${named}" used by kubeconfig user "${this.user}" does not exist. Fix the profile (AWS_PROFILE in the exec env or --profile in its args), or create it with \`aws configure --profile ${named}\` / \`aws configure sso\`. (aws said: ${said})`,
        );
      }
      if (/expired|ExpiredToken|sso session|token has expired|refresh/i.test(said)) {
        return new ClusterError(
          'auth-plugin',
          `The AWS credentials of ${p} have expired, so ${what} failed. Log in again (\`aws sso login${profile ? ` --profile ${profile}` : ''}\` for SSO) and retry. (aws said: ${said})`,
        );
      }
      if (/Unable to locate credentials|NoCredentialProviders|no credentials/i.test(said)) {
        return new ClusterError(
          'auth-plugin',
          `${what} found no AWS credentials for ${p}. Run \`aws configure\` or \`aws sso login\`, or set AWS_PROFILE in the kubeconfig's exec env. (aws said: ${said})`,
        );
      }
      if (/AccessDenied|not authorized|InvalidClientTokenId|SignatureDoesNotMatch/i.test(said)) {
        return new ClusterError(
          'auth-plugin',
          `AWS refused the credentials of ${p} while running ${what}. Check the access keys/role of that profile. (aws said: ${said})`,
        );
      }
    }
    if (err instanceof SyntaxError || /JSON/.test(said)) {
      return new ClusterError(
        'auth-plugin',
        `\`${base}\` (the kubeconfig user "${this.user}"'s credential plugin) did not print an ExecCredential JSON. (${said})`,
      );
    }
    return new ClusterError(
      'auth-plugin',
      `Getting a token for kubeconfig user "${this.user}" failed: ${what} exited with an error. (it said: ${said || 'nothing'})`,
    );
  }

  /** Map a non-2xx response to a ClusterError with an actionable message. */
  statusError(r: RawResponse, ctx: { verb?: string; what?: string } = {}): ClusterError {
    const st = (r.body && typeof r.body === 'object' ? r.body : {}) as K8sStatus;
    const serverMessage = this.redact(st.message ?? (r.text.slice(0, 500) || `HTTP ${r.status}`));
    const causes: FieldCause[] = (st.details?.causes ?? []).map((c) => ({
      field: c.field,
      reason: c.reason,
      message: this.redact(c.message ?? ''),
    }));
    const what = ctx.what ? `${ctx.what}: ` : '';
    if (r.status === 401) {
      const exec = (this.kc.getCurrentUser() as unknown as { exec?: { command?: string } } | null)?.exec;
      if (exec?.command && path.basename(exec.command).replace(/\.exe$/i, '') === 'aws') {
        return new ClusterError(
          'unauthorized',
          `${what}The cluster rejected the token from \`aws eks get-token\` (401 Unauthorized). The IAM identity of that AWS profile is not allowed into this cluster, or the token is for another cluster: check the --cluster-name/--region in the kubeconfig's exec args and give the identity an EKS access entry (or an aws-auth mapping).`,
          { status: 401, serverMessage },
        );
      }
      return new ClusterError(
        'unauthorized',
        `${what}The API server rejected the credentials of kubeconfig user "${this.user}" (401 Unauthorized): the token or client certificate is wrong or has expired. Get fresh credentials for context "${this.context}".`,
        { status: 401, serverMessage },
      );
    }
    if (r.status === 403) {
      const m = /User "([^"]*)" cannot (\w+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)")?/.exec(
        serverMessage,
      );
      if (m) {
        const [, who, verb, resource, group, ns] = m;
        const res = group ? `${resource}.${group}` : resource;
        return new ClusterError(
          'forbidden',
          `${what}Forbidden by RBAC: user "${who}" may not ${verb} ${res}${ns ? ` in namespace "${ns}"` : ' (cluster-wide)'}. Ask a cluster admin for a Role${ns ? '' : '/ClusterRole'} granting "${verb}" on "${res}", or switch to a context with more rights.`,
          { status: 403, verb, resource: res, namespace: ns, serverMessage },
        );
      }
      return new ClusterError('forbidden', `${what}Forbidden (403): ${serverMessage}`, { status: 403, serverMessage });
    }
    if (r.status === 404) return new ClusterError('not-found', `${what}${serverMessage}`, { status: 404, serverMessage });
    if (r.status === 409) {
      const managerConflicts = causes.filter((c) => c.reason === 'FieldManagerConflict');
      if (managerConflicts.length > 0 || (/conflict/i.test(st.message ?? '') && /Apply failed/i.test(st.message ?? ''))) {
        const list = managerConflicts.map((c) => `${c.field ?? ''} (${c.message})`).join('; ');
        return new ClusterError(
          'conflict',
          `${what}Server-side apply conflict: fields managed by another field manager would change — ${list || serverMessage}. Re-run with "force" to take ownership of those fields, or leave them out of the manifest.`,
          { status: 409, causes: managerConflicts, forceAvailable: true, serverMessage },
        );
      }
      return new ClusterError('conflict', `${what}Conflict: ${serverMessage}`, { status: 409, causes, serverMessage });
    }
    if (r.status === 422 || r.status === 400) {
      return new ClusterError('invalid', `${what}The API server rejected the object: ${serverMessage}`, {
        status: r.status,
        causes,
        serverMessage,
      });
    }
    if (r.status === 500 && /associative list with keys has an element that omits key field "protocol"/.test(serverMessage)) {
      return new ClusterError(
        'invalid',
        `${what}${serverMessage}. Add \`protocol: TCP\` to every port: Kubernetes before 1.21 cannot server-side apply a port without it.`,
        { status: 500, causes, serverMessage },
      );
    }
    if (r.status === 500 && /failed to create typed|typed patch|\.spec|schema/i.test(serverMessage)) {
      return new ClusterError('invalid', `${what}The API server rejected the object: ${serverMessage}`, {
        status: 500,
        causes,
        serverMessage,
      });
    }
    return new ClusterError('server', `${what}The API server answered ${r.status}${st.reason ? ` ${st.reason}` : ''}: ${serverMessage}`, {
      status: r.status,
      causes,
      serverMessage,
    });
  }
}
