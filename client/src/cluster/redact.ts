/**
 * Keeps credentials out of logs and messages. `secretsOf(kc)` collects every secret value a kubeconfig
 * holds (tokens, passwords and their basic-auth forms, client keys and certificates, credentials in a
 * server URL, exec plugin env values and token-looking args, and the secret-looking variables of the
 * environment an exec plugin inherits); `redact` replaces them, plus anything that looks like a bearer
 * token or a PEM key, with `***`. A `Connection` adds what it learns at run time (the token an exec
 * plugin printed) to its own list. `stripUserinfo` removes `user:password@` from a URL for display.
 */
import type { KubeConfig } from '@kubernetes/client-node';

const MASK = '***';

/** Exec env variables that name things rather than hold credentials: kept so messages can say which profile/region. */
const NOT_SECRET_ENV = new Set([
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_STS_REGIONAL_ENDPOINTS',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'PATH',
  'HOME',
  'KUBECONFIG',
]);

/**
 * Variables of the inherited environment that hold credentials: the AWS SDK's (access key, secret key,
 * session token; the CLI reads them before any profile) and anything named like a secret.
 */
const SECRET_ENV_NAME =
  /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|BEARER_TOKEN\w*|CONTAINER_AUTHORIZATION_TOKEN|WEB_IDENTITY_TOKEN)$|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|API_KEY|ACCESS_KEY/i;

/** Where the authority of a URL ends (WHATWG: at the first `/`, `?`, `#`, or `\\` for special schemes). */
function authorityEnd(url: string, start: number): number {
  for (let i = start; i < url.length; i++) if ('/?#\\'.includes(url[i])) return i;
  return url.length;
}

/** The `user:password` part of a URL (raw, as written), or undefined. */
export function userinfoOf(url: string): string | undefined {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url);
  if (!m) return undefined;
  const start = m[0].length;
  const end = authorityEnd(url, start);
  const at = url.lastIndexOf('@', end - 1);
  return at >= start ? url.slice(start, at) : undefined;
}

/** The URL without `user:password@` (the text is otherwise unchanged; not a URL: unchanged). */
export function stripUserinfo(url: string): string {
  const ui = userinfoOf(url);
  if (ui === undefined) return url;
  const start = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)![0].length;
  return url.slice(0, start) + url.slice(start + ui.length + 1);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `user:password` of a URL's userinfo, percent-decoded, split. */
export function credentialsOfUserinfo(ui: string): { username: string; password?: string } {
  const i = ui.indexOf(':');
  return i < 0 ? { username: decodeSafe(ui) } : { username: decodeSafe(ui.slice(0, i)), password: decodeSafe(ui.slice(i + 1)) };
}

/** The secret forms of HTTP basic credentials: the password, `user:password`, and its base64 (the header's form). */
export function basicAuthSecrets(username: string | undefined, password: string | undefined): string[] {
  if (!password) return [];
  const pair = `${username ?? ''}:${password}`;
  return [password, pair, Buffer.from(pair, 'utf8').toString('base64')];
}

/** Values of the environment variables an exec plugin inherits that look like credentials. */
export function inheritedEnvSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (typeof value !== 'string' || value.trim().length < 8) continue;
    if (NOT_SECRET_ENV.has(name.toUpperCase()) || !SECRET_ENV_NAME.test(name)) continue;
    out.push(value);
  }
  return out;
}

/** Add secrets to a list kept sorted longest first (so a longer secret is masked before its parts). */
export function addSecrets(list: string[], values: Iterable<string | undefined>): void {
  let added = false;
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const s = v.trim();
    if (s.length < 4 || list.includes(s)) continue;
    list.push(s);
    added = true;
  }
  if (added) list.sort((a, b) => b.length - a.length);
}

/**
 * Every secret a kubeconfig holds, plus (when some user runs an exec plugin) the credential-looking
 * variables of `env`, the environment such a plugin inherits.
 */
export function secretsOf(kc: KubeConfig | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!kc) return [];
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v !== 'string') return;
    const s = v.trim();
    if (s.length >= 4) out.add(s);
    // Base64 data fields also appear decoded in some errors.
    if (s.length >= 16 && /^[A-Za-z0-9+/=\s]+$/.test(s)) {
      try {
        const d = Buffer.from(s, 'base64').toString('utf8').trim();
        if (d.length >= 8 && !d.includes('\uFFFD')) out.add(d);
      } catch {
        /* ignore */
      }
    }
  };
  let anyExec = false;
  for (const c of kc.getClusters()) {
    const ui = typeof c.server === 'string' ? userinfoOf(c.server) : undefined;
    if (ui === undefined) continue;
    const { username, password } = credentialsOfUserinfo(ui);
    add(ui);
    if (password !== undefined) {
      add(ui.slice(ui.indexOf(':') + 1));
      for (const s of basicAuthSecrets(username, password)) add(s);
    } else add(username);
  }
  for (const u of kc.getUsers()) {
    const user = u as unknown as Record<string, unknown>;
    for (const k of ['token', 'password', 'keyData', 'certData']) add(user[k]);
    for (const s of basicAuthSecrets(
      typeof user.username === 'string' ? user.username : undefined,
      typeof user.password === 'string' ? user.password : undefined,
    ))
      add(s);
    if (user.exec || (user.authProvider as { name?: string } | undefined)?.name === 'exec') anyExec = true;
    const exec = user.exec as { env?: { name: string; value: string }[]; args?: string[] } | undefined;
    for (const e of exec?.env ?? []) if (!NOT_SECRET_ENV.has(String(e?.name ?? '').toUpperCase())) add(e?.value);
    const args = exec?.args ?? [];
    for (let i = 0; i < args.length; i++) {
      if (/token|secret|password|key/i.test(args[i] ?? '') && i + 1 < args.length) add(args[i + 1]);
      const m = /^--?[\w-]*(token|secret|password|key)[\w-]*=(.+)$/i.exec(args[i] ?? '');
      if (m) add(m[2]);
    }
    const ap = user.authProvider as { config?: Record<string, unknown> } | undefined;
    for (const [k, v] of Object.entries(ap?.config ?? {})) if (/token|secret|key/i.test(k)) add(v);
  }
  if (anyExec) for (const v of inheritedEnvSecrets(env)) add(v);
  return [...out].sort((a, b) => b.length - a.length);
}

const PATTERNS: RegExp[] = [
  /(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi,
  /(Basic\s+)[A-Za-z0-9+/]+=*/gi,
  /(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----)/g,
  /((?:token|password|client-key-data|client-certificate-data|secret)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
  /(k8s-aws-v1\.)[A-Za-z0-9\-_]+/g,
  /((?:aws_secret_access_key|aws_session_token|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN)\s*[=:]\s*)\S+/g,
];

/** `user:password@` in any http(s)/ws(s) URL of a text (up to the last `@` of the authority, as URL parsers read it). */
const URL_USERINFO = /\b((?:https?|wss?):\/\/)[^\s/?#\\]*@/gi;

/** Remove known secrets, anything secret-shaped and URL credentials from a text. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let s = String(text);
  for (const secret of secrets) if (secret) s = s.split(secret).join(MASK);
  s = s.replace(URL_USERINFO, '$1');
  for (const re of PATTERNS) {
    s = s.replace(re, (_m, a: string, b?: string) =>
      typeof b === 'string' && b.startsWith('-----END') ? `${a}${MASK}${b}` : `${a}${MASK}`,
    );
  }
  return s;
}
