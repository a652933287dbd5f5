/** Small Gateway API workspaces (in our words) shared by the gateway unit and LSP tests. */
import type { Diagnostic } from 'vscode-languageserver-types';

export const LATTICE_CLASS = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: amazon-vpc-lattice
spec:
  controllerName: application-networking.k8s.aws/gateway-api-controller
`;

export const latticeGateway = (
  listeners = `    - name: http
      protocol: HTTP
      port: 80
    - name: https
      protocol: HTTPS
      port: 443
      tls:
        mode: Terminate
        options:
          application-networking.k8s.aws/certificate-arn: arn:aws:acm:us-west-2:123456789012:certificate/abc`,
  extra = '',
): string => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: shop-net
  namespace: shop
spec:
  gatewayClassName: amazon-vpc-lattice
  listeners:
${listeners}
${extra}`;

export const service = (name: string, ns = 'shop', spec = '  ports:\n    - name: http\n      port: 80\n'): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec}`;

export const SERVICES = [service('checkout-v1'), service('checkout-v2')].join('---\n');
export const WORKSPACE = { 'class.yaml': LATTICE_CLASS, 'gw.yaml': latticeGateway(), 'svc.yaml': SERVICES };

/** An HTTPRoute in namespace shop attached to the Lattice Gateway, with these rules (indented under `rules:`). */
export function route(
  rules: string,
  opts: { name?: string; parent?: string; annotations?: string; hostnames?: string; kind?: string; apiVersion?: string } = {},
): string {
  return `apiVersion: ${opts.apiVersion ?? 'gateway.networking.k8s.io/v1'}
kind: ${opts.kind ?? 'HTTPRoute'}
metadata:
  name: ${opts.name ?? 'checkout'}
  namespace: shop
${opts.annotations ? `  annotations:\n${opts.annotations.replace(/^/gm, '    ')}\n` : ''}spec:
  parentRefs:
${(opts.parent ?? '- name: shop-net\n  sectionName: http').replace(/^/gm, '    ')}
${opts.hostnames ? `  hostnames:\n${opts.hostnames.replace(/^/gm, '    ')}\n` : ''}  rules:
${rules.replace(/^/gm, '    ')}
`;
}

export const BACKENDS = `backendRefs:
  - name: checkout-v1
    port: 80
    weight: 90
  - name: checkout-v2
    port: 80
    weight: 10`;

/** The checkout route with one rule: these matches (a YAML list, indented under `matches:`) and the 90/10 backends. */
export const matching = (matches: string): string =>
  route(`- matches:\n${matches.replace(/^/gm, '  ')}\n  ${BACKENDS.replace(/\n/g, '\n  ')}`);

/** The checkout route: one rule splitting 90/10 over checkout-v1 and checkout-v2 (route() options as given). */
export const splitRoute = (opts: Parameters<typeof route>[1] = {}): string => route('- ' + BACKENDS, opts);

/**
 * A VPC Lattice object (application-networking.k8s.aws/v1alpha1 unless given) with this spec (YAML, indented
 * under `spec:` by two spaces); no spec line at all when `spec` is undefined.
 */
export function lattice(
  kind: string,
  name: string,
  spec?: string,
  opts: { namespace?: string; annotations?: string; apiVersion?: string } = {},
): string {
  return (
    `apiVersion: ${opts.apiVersion ?? 'application-networking.k8s.aws/v1alpha1'}\nkind: ${kind}\nmetadata:\n  name: ${name}\n` +
    (opts.namespace ? `  namespace: ${opts.namespace}\n` : '') +
    (opts.annotations ? `  annotations:\n${opts.annotations.replace(/^/gm, '    ')}\n` : '') +
    (spec === undefined ? '' : `spec:\n${spec.replace(/^/gm, '  ')}\n`)
  );
}

/** A policy's targetRef (a Service in the core group, else a Gateway API kind). */
export const targetRef = (kind: string, name: string): string =>
  `targetRef:\n  group: ${kind === 'Service' ? '""' : 'gateway.networking.k8s.io'}\n  kind: ${kind}\n  name: ${name}`;

/** The TargetGroupPolicy `tgp` in namespace shop on Service checkout-v1. */
export const TARGET_GROUP_POLICY = lattice('TargetGroupPolicy', 'tgp', targetRef('Service', 'checkout-v1'), { namespace: 'shop' });

/** The text a diagnostic's range covers. */
export function rangeText(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  if (d.range.start.line === d.range.end.line) return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
  return [
    lines[d.range.start.line].slice(d.range.start.character),
    ...lines.slice(d.range.start.line + 1, d.range.end.line),
    lines[d.range.end.line].slice(0, d.range.end.character),
  ].join('\n');
}

/** A snippet body with its defaults: `${1:x}` → x, `${1|a,b|}` → a, `$1`/`$0` → nothing. */
export function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\d+/g, '');
}
