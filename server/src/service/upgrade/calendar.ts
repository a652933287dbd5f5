/**
 * The Amazon EKS Kubernetes release calendar as data: per minor version, the upstream release, the EKS
 * release, the end of standard support and the end of extended support (UTC dates).
 *
 * Source: awsdocs/amazon-eks-user-guide `latest/ug/versioning/kubernetes-versions.adoc` ("Amazon EKS
 * Kubernetes release calendar"; https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html),
 * the revision listing 1.35 for 1.29–1.35 and the earlier revision (commit 8596db85) for 1.27–1.28. Lifecycle
 * rules from the same page: 14 months of standard support, then 12 months of extended support (billed per
 * cluster hour, on by default), then the control plane is upgraded automatically. The same data is live in
 * `aws eks describe-cluster-versions` (endOfStandardSupportDate, endOfExtendedSupportDate).
 */
import { compareVersions, parseMinorVersion } from '../settings';

export interface EksVersion {
  version: string;
  upstream: string;
  eksRelease: string;
  endOfStandard: string;
  endOfExtended: string;
}

/** When this table was last checked against the EKS documentation. */
export const CALENDAR_AS_OF = '2026-02';
export const CALENDAR_SOURCE = 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html';

export const EKS_CALENDAR: readonly EksVersion[] = [
  { version: '1.35', upstream: '2025-12-17', eksRelease: '2026-01-27', endOfStandard: '2027-03-27', endOfExtended: '2028-03-27' },
  { version: '1.34', upstream: '2025-08-27', eksRelease: '2025-10-02', endOfStandard: '2026-12-02', endOfExtended: '2027-12-02' },
  { version: '1.33', upstream: '2025-04-23', eksRelease: '2025-05-29', endOfStandard: '2026-07-29', endOfExtended: '2027-07-29' },
  { version: '1.32', upstream: '2024-12-11', eksRelease: '2025-01-23', endOfStandard: '2026-03-23', endOfExtended: '2027-03-23' },
  { version: '1.31', upstream: '2024-08-13', eksRelease: '2024-09-26', endOfStandard: '2025-11-26', endOfExtended: '2026-11-26' },
  { version: '1.30', upstream: '2024-04-17', eksRelease: '2024-05-23', endOfStandard: '2025-07-23', endOfExtended: '2026-07-23' },
  { version: '1.29', upstream: '2023-12-13', eksRelease: '2024-01-23', endOfStandard: '2025-03-23', endOfExtended: '2026-03-23' },
  { version: '1.28', upstream: '2023-08-15', eksRelease: '2023-09-26', endOfStandard: '2024-11-26', endOfExtended: '2025-11-26' },
  { version: '1.27', upstream: '2023-04-11', eksRelease: '2023-05-24', endOfStandard: '2024-07-24', endOfExtended: '2025-07-24' },
];

const OLDEST = EKS_CALENDAR[EKS_CALENDAR.length - 1];
const NEWEST = EKS_CALENDAR[0];

export type SupportPhase = 'standard' | 'extended' | 'ended' | 'not-yet-released' | 'unknown';

export interface SupportStatus {
  version: string;
  phase: SupportPhase;
  entry?: EksVersion;
}

/** Today as YYYY-MM-DD (UTC), or the date the caller fixed (tests, reproducible CI reports). */
export function today(fixed?: string): string {
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  return new Date().toISOString().slice(0, 10);
}

/** "1.30" from "1.30", "v1.30.2" or "1.30.4-eks-x"; undefined when it is not a Kubernetes version. */
export function minorOf(version: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(version.trim());
  return m && parseMinorVersion(`${m[1]}.${m[2]}`) ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/**
 * The support phase of a version on a date. Versions older than the table are past extended support (the
 * oldest listed one ended on its date); versions newer than the table are `unknown` (not yet in our data).
 * Billing for extended support starts on the end-of-standard-support day (UTC).
 */
export function supportStatus(version: string, on: string): SupportStatus {
  const v = minorOf(version);
  if (!v) return { version, phase: 'unknown' };
  const entry = EKS_CALENDAR.find((e) => e.version === v);
  if (!entry) {
    if (v.startsWith('1.') && compareVersions(v, OLDEST.version) < 0) return { version: v, phase: 'ended' };
    return { version: v, phase: 'unknown' };
  }
  if (on < entry.eksRelease) return { version: v, phase: 'not-yet-released', entry };
  if (on < entry.endOfStandard) return { version: v, phase: 'standard', entry };
  if (on < entry.endOfExtended) return { version: v, phase: 'extended', entry };
  return { version: v, phase: 'ended', entry };
}

/** The newest version in the calendar that is in standard support on a date. */
export function newestStandard(on: string): string | undefined {
  return EKS_CALENDAR.find((e) => on >= e.eksRelease && on < e.endOfStandard)?.version;
}

/** Minor versions between two versions, exclusive of `from`, inclusive of `to` ("1.31" → "1.33": 1.32, 1.33). */
export function versionSteps(from: string, to: string): string[] {
  const a = parseMinorVersion(from),
    b = parseMinorVersion(to);
  if (!a || !b || a[0] !== b[0] || b[1] <= a[1]) return [];
  const out: string[] = [];
  for (let m = a[1] + 1; m <= b[1]; m++) out.push(`${a[0]}.${m}`);
  return out;
}

/** A one-line, dated description of a version's support window (for hovers, messages and reports). */
export function supportWindowText(version: string, on: string): string {
  const s = supportStatus(version, on);
  const e = s.entry;
  switch (s.phase) {
    case 'standard':
      return `Kubernetes ${s.version} is in EKS standard support until ${e!.endOfStandard}, then in extended support (extra cost) until ${e!.endOfExtended}.`;
    case 'extended':
      return `Kubernetes ${s.version} left EKS standard support on ${e!.endOfStandard}; it is in extended support, billed per cluster hour, until ${e!.endOfExtended}.`;
    case 'ended':
      return e
        ? `Kubernetes ${s.version} reached the end of EKS extended support on ${e.endOfExtended}: new clusters cannot use it and existing control planes are upgraded automatically.`
        : `Kubernetes ${s.version} is older than every version EKS still supports (the oldest in our calendar, ${OLDEST.version}, left extended support on ${OLDEST.endOfExtended}).`;
    case 'not-yet-released':
      return `Kubernetes ${s.version} is planned on EKS for ${e!.eksRelease}; standard support until ${e!.endOfStandard}, extended until ${e!.endOfExtended}.`;
    default:
      return `Kubernetes ${s.version} is not in our EKS calendar (data as of ${CALENDAR_AS_OF}, newest ${NEWEST.version}); check \`aws eks describe-cluster-versions\`.`;
  }
}
