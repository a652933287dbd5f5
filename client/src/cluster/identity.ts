/**
 * The parts of an object's identity that go into request paths (`/apis/<group>/<version>/namespaces/
 * <namespace>/<resource>/<name>`), checked before anything is sent: a value such as `../..` or
 * `v1/namespaces/kube-system` must never turn one request into another. The rules are the API server's
 * own (k8s.io/apimachinery `validation.IsDNS1123Subdomain`/`IsDNS1123Label` for group and namespace,
 * `path.ValidatePathSegmentName` for names, `IsDNS1035Label` on the lower-cased CRD kind); each kind's
 * stricter name rules stay the server's to report.
 */
import { isUnknownText } from '@shared/manifest/templates';
import { ClusterError } from './errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND = /^[A-Za-z]([-A-Za-z0-9]*[A-Za-z0-9])?$/;

export interface Identity {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
}

function shown(v: string): string {
  return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
}

export function apiVersionProblem(apiVersion: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const ok = version.length <= 63 && DNS1123_LABEL.test(version) && (slash < 0 || (group.length <= 253 && DNS1123_SUBDOMAIN.test(group)));
  return ok ? undefined : `apiVersion ${shown(apiVersion)} is not a valid group/version (like \`v1\` or \`apps/v1\`)`;
}

export function kindProblem(kind: string): string | undefined {
  return kind.length <= 63 && KIND.test(kind) ? undefined : `kind ${shown(kind)} is not a valid kind name`;
}

export function nameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return `metadata.name ${shown(name)} cannot be used as a name`;
  if (/[/%]/.test(name)) return `metadata.name ${shown(name)} may not contain "/" or "%"`;
  return undefined;
}

export function namespaceProblem(namespace: string): string | undefined {
  return namespace.length <= 63 && DNS1123_LABEL.test(namespace)
    ? undefined
    : `namespace ${shown(namespace)} is not a valid namespace name (lower-case letters, digits and "-", at most 63)`;
}

/** Every problem of an identity, in reading order (empty when it may go into a request path). */
export function identityProblems(id: Identity): string[] {
  const out = [
    apiVersionProblem(id.apiVersion),
    kindProblem(id.kind),
    id.name === undefined ? undefined : nameProblem(id.name),
    id.namespace === undefined ? undefined : namespaceProblem(id.namespace),
  ].filter((p): p is string => !!p);
  if (out.length && [id.apiVersion, id.kind, id.name ?? '', id.namespace ?? ''].some(isUnknownText)) {
    out.push('it holds a template action or placeholder: render the template first');
  }
  return out;
}

/** Throw ClusterError('invalid') when an identity cannot go into a request path. */
export function assertPathSafe(id: Identity): void {
  const problems = identityProblems(id);
  if (problems.length) throw new ClusterError('invalid', `Not sent to the cluster: ${problems.join('; ')}.`);
}
