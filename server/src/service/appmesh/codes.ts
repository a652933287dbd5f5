import type { DiagnosticCodeInfo } from '../diagnostics/types';

const m = (code: string, severity: DiagnosticCodeInfo['severity'], summary: string): DiagnosticCodeInfo => ({
  code,
  severity,
  area: 'appmesh',
  summary,
});

/** AWS App Mesh (appmesh.k8s.aws) after its end of support, and the traps of moving to VPC Lattice. */
export const APPMESH_CODES: DiagnosticCodeInfo[] = [
  m(
    'appmesh-end-of-support',
    'info',
    'An App Mesh object: AWS ends support for App Mesh on 2026-09-30 (App Mesh resources are no longer accessible after it); the message names the VPC Lattice equivalent and offers the migration preview.',
  ),
  m(
    'appmesh-api-version',
    'error',
    'An `appmesh.k8s.aws` kind with an apiVersion the App Mesh controller v1.x does not serve (only `v1beta2`), or a kind it does not define.',
  ),
  m(
    'appmesh-injection-label-placement',
    'warning',
    "`appmesh.k8s.aws/sidecarInjectorWebhook` in the wrong place: the injector reads it from a Namespace's labels and from a Pod's annotations, so as a Namespace annotation or a Pod label it does nothing (injection is not turned off).",
  ),
  m(
    'appmesh-injection-disabled',
    'info',
    'Sidecar injection turned off (`disabled`) for a namespace or Pod template: only Pods created from now on lose Envoy; restart the workloads, and keep the App Mesh objects until traffic runs through VPC Lattice.',
  ),
  m(
    'appmesh-injection-no-virtualnode',
    'warning',
    'A workload in a namespace labelled `appmesh.k8s.aws/sidecarInjectorWebhook: enabled` whose Pods match no VirtualNode or VirtualGateway of the workspace (e.g. after deleting VirtualNodes before relabelling): the injector rejects every new Pod. Information when the workspace holds no App Mesh objects.',
  ),
  m(
    'appmesh-injection-multiple-virtualnodes',
    'error',
    'A workload in an injected namespace whose Pods match two VirtualNodes (or a VirtualNode and a VirtualGateway): the injector refuses to choose and rejects every new Pod.',
  ),
  m(
    'appmesh-webhook-fail-closed',
    'warning',
    'A Namespace still labelled for App Mesh injection while the workspace holds no VirtualNode or VirtualGateway for it (the mesh was removed): the pod webhook fails closed, so once the App Mesh controller is uninstalled no Pod can be created there. Remove the label. Information when the workspace shows no replacement (Gateway API routes) in that namespace.',
  ),
];
