/**
 * Keeps credentials out of logs and messages. `secretsOf(kc)` collects every secret value a kubeconfig
 * holds (tokens, passwords, client keys and certificates, exec plugin env values and token-looking
 * args); `redact` replaces them, plus anything that looks like a bearer token or a PEM key, with `***`.
 */
import type { KubeConfig } from '@kubernetes/client-node';

const MASK = '***';

/** Exec env variables that name things rather than hold credentials: kept so messages can say which profile/region. */
const NOT_SECRET_ENV = new Set(['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_STS_REGIONAL_ENDPOINTS',
  'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'PATH', 'HOME', 'KUBECONFIG']);

export function secretsOf(kc: KubeConfig | undefined): string[] {
  if (!kc) return [];
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v !== 'string') return;
    const s = v.trim();
    if (s.length >= 4) out.add(s);
    // Base64 data fields also appear decoded in some errors.
    if (s.length >= 16 && /^[A-Za-z0-9+/=\s]+$/.test(s)) {
      try { const d = Buffer.from(s, 'base64').toString('utf8').trim(); if (d.length >= 8 && !d.includes('\uFFFD')) out.add(d); } catch { /* ignore */ }
    }
  };
  for (const u of kc.getUsers()) {
    const user = u as unknown as Record<string, unknown>;
    for (const k of ['token', 'password', 'keyData', 'certData']) add(user[k]);
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

/** Remove known secrets and anything secret-shaped from a text. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let s = String(text);
  for (const secret of secrets) if (secret) s = s.split(secret).join(MASK);
  for (const re of PATTERNS) {
    s = s.replace(re, (_m, a: string, b?: string) => (typeof b === 'string' && b.startsWith('-----END') ? `${a}${MASK}${b}` : `${a}${MASK}`));
  }
  return s;
}
