/**
 * IPv4/IPv6 CIDR parsing and containment (BigInt arithmetic, no dependencies): the one reading of a CIDR for
 * every module. By default it follows Go's net.ParseCIDR, which the AWS controllers and the VPC CNI network
 * policy agent use: an IPv4 octet or a prefix length with a leading zero (`10.0.0.01/8`, `10.0.0.0/08`) is
 * rejected, as Go has done since 1.17. With `{ sloppy: true }` it reads as the Kubernetes API server does for
 * legacy fields (k8s.io/utils/net ParseCIDRSloppy): leading zeros are allowed and read as decimal, and the
 * result says so (`leadingZeros`), so a caller can tell "accepted with a warning" from "rejected".
 */
export interface Cidr {
  family: 4 | 6;
  addr: bigint;
  prefix: number;
  hostBitsSet: boolean;
  text: string;
  /** An IPv4 octet or the prefix length has a leading zero (only ever true with `sloppy`). */
  leadingZeros: boolean;
  /** An IPv4-mapped IPv6 address (`::ffff:10.0.0.0/104`). */
  mapped4in6: boolean;
}

export interface CidrOptions {
  /** Read as Kubernetes' ParseCIDRSloppy: leading zeros allowed (decimal); no surrounding spaces. */
  sloppy?: boolean;
}

function parseV4(s: string, sloppy = false, zeros?: { seen: boolean }): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!(sloppy ? /^\d{1,8}$/ : /^\d{1,3}$/).test(p)) return undefined;
    if (p.length > 1 && p.startsWith('0')) {
      if (!sloppy) return undefined;
      if (zeros) zeros.seen = true;
    }
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseV6(s: string, sloppy = false, zeros?: { seen: boolean }): bigint | undefined {
  if (s.includes('%')) return undefined;
  let tail4: bigint | undefined;
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tail4 = parseV4(s.slice(lastColon + 1), sloppy, zeros);
    if (tail4 === undefined) return undefined;
    text = s.slice(0, lastColon + 1) + '0:0';
  }
  const dbl = text.split('::');
  if (dbl.length > 2) return undefined;
  const groups = (x: string) => (x === '' ? [] : x.split(':'));
  const head = groups(dbl[0]);
  const rest = dbl.length === 2 ? groups(dbl[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (dbl.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array(dbl.length === 2 ? missing : 0).fill('0'), ...rest];
  let v = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4 !== undefined) v = (v & ~0xffffffffn) | tail4;
  return v;
}

/** Whether text is one CIDR block (surrounding spaces allowed). */
export function isCidr(text: string): boolean {
  return parseCidr(text) !== undefined;
}

export function parseCidr(text: string, options: CidrOptions = {}): Cidr | undefined {
  const sloppy = options.sloppy === true;
  const m = (sloppy ? /^([^/\s]+)\/(\d+)$/ : /^([^/\s]+)\/(\d{1,3})$/).exec(sloppy ? text : text.trim());
  if (!m) return undefined;
  const zeros = { seen: false };
  if (m[2].length > 1 && m[2].startsWith('0')) {
    if (!sloppy) return undefined;
    zeros.seen = true;
  }
  const prefix = Number(m[2]);
  const family: 4 | 6 = m[1].includes(':') ? 6 : 4;
  const addr = family === 4 ? parseV4(m[1], sloppy, zeros) : parseV6(m[1], sloppy, zeros);
  if (addr === undefined) return undefined;
  const bits = family === 4 ? 32 : 128;
  if (prefix > bits) return undefined;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  return {
    family,
    addr,
    prefix,
    hostBitsSet: (addr & hostMask) !== 0n,
    text,
    leadingZeros: zeros.seen,
    mapped4in6: family === 6 && addr >> 32n === 0xffffn,
  };
}

/** The canonical network text (host bits cleared). */
export function networkText(c: Cidr): string {
  const bits = c.family === 4 ? 32 : 128;
  const hostMask = (1n << BigInt(bits - c.prefix)) - 1n;
  const a = c.addr & ~hostMask;
  if (c.family === 4) return `${[24n, 16n, 8n, 0n].map((s) => String((a >> s) & 255n)).join('.')}/${c.prefix}`;
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((a >> BigInt(i * 16)) & 0xffffn).toString(16));
  // compress the longest run of zero groups
  let best = -1,
    bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const text = best === -1 ? groups.join(':') : `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
  return `${text}/${c.prefix}`;
}

/** Whether `inner` is a strict subset of `outer` (same family, longer prefix, inside the range). */
export function strictlyInside(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.prefix <= outer.prefix) return false;
  const bits = outer.family === 4 ? 32 : 128;
  const shift = BigInt(bits - outer.prefix);
  return inner.addr >> shift === outer.addr >> shift;
}
