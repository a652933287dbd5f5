/**
 * Local App Mesh checks: the end-of-support notice with the VPC Lattice equivalent of each kind, served
 * versions, and the sidecar-injection switch put where the injector does not read it or turned off.
 *
 * Sources: aws/aws-app-mesh-controller-for-k8s config/crd/bases (v1beta2 only, see gateway/servedVersions.ts),
 * pkg/inject/inject.go determineSidecarInjectMode (Namespace label, Pod annotation wins),
 * config/helm/appmesh-controller/templates/webhook.yaml (namespaceSelector on the label); end of support:
 * docs.aws.amazon.com/app-mesh/latest/userguide/ (notice), aws.amazon.com/blogs/containers/migrating-from-aws-app-mesh-to-amazon-vpc-lattice.
 */
import type { Node } from 'yaml';
import type { Check } from '../checks/types';
import { closest } from '../catalog/types';
import { keyString, nodeAt, pairs } from '@shared/manifest/yamlNodes';
import { isUnknownText } from '@shared/manifest/templates';
import { POD_TEMPLATE_PATHS } from '../workspace/workloads';
import { CRD_FACTS } from '../gateway/servedVersions';
import { APPMESH_GROUP, END_OF_SUPPORT, INJECT_KEY, isAppMesh } from './model';

/** What replaces each App Mesh kind on VPC Lattice (the AWS migration blog's mapping, completed from both controllers' CRDs). */
export const LATTICE_EQUIVALENT: Record<string, string> = {
  Mesh: 'a VPC Lattice service network: a Gateway of class amazon-vpc-lattice (optionally a ServiceNetwork object and a VpcAssociationPolicy)',
  VirtualService: 'a VPC Lattice service: an HTTPRoute (or GRPCRoute/TLSRoute) whose hostnames give the custom domain clients call',
  VirtualRouter: 'the rules of the HTTPRoute (weighted targets become backendRef weights)',
  VirtualNode:
    'the Kubernetes Service a backendRef names (a Lattice target group), with a TargetGroupPolicy for its health check and protocol',
  VirtualGateway:
    'no mesh ingress in Lattice: put an ALB or NLB Gateway (AWS Load Balancer Controller) in front, or call Lattice from an associated VPC',
  GatewayRoute: 'the routes of that ALB/NLB Gateway (HTTPRoute/GRPCRoute)',
  BackendGroup: 'nothing: Lattice has no backend allow-lists; control access with an IAMAuthPolicy',
};

const SERVED = new Map(
  CRD_FACTS.filter((f) => f.group === APPMESH_GROUP).map((f) => [f.kind, f.versions.filter((v) => v.served).map((v) => v.name)]),
);

export const appMeshObjectCheck: Check = {
  id: 'appmesh.object',
  scope: 'local',
  appliesTo: isAppMesh,
  run(ctx) {
    const obj = ctx.obj;
    const kind = obj.kind;
    if (!kind || isUnknownText(kind)) return;
    const served = SERVED.get(kind);
    const av = obj.apiVersion ?? '';
    if (!served) {
      const guess = closest(kind, [...SERVED.keys()], 1)[0];
      if (guess) ctx.report('appmesh-api-version', obj.node(['kind']), `appmesh.k8s.aws has no kind "${kind}": did you mean ${guess}?`);
      return;
    }
    const version = av.slice(av.indexOf('/') + 1);
    if (!isUnknownText(av) && !served.includes(version)) {
      ctx.report(
        'appmesh-api-version',
        obj.node(['apiVersion']),
        `${kind} ${av} is not served by the App Mesh controller v1.x: only ${served.map((v) => `${APPMESH_GROUP}/${v}`).join(', ')} (v1beta1 objects were replaced by v1beta2 with a different shape)`,
      );
    }
    ctx.report(
      'appmesh-end-of-support',
      obj.node(['kind']),
      `End of support for AWS App Mesh: ${END_OF_SUPPORT} (after it App Mesh resources are no longer accessible). On VPC Lattice a ${kind} becomes ${LATTICE_EQUIVALENT[kind]}. Use "Preview VPC Lattice Migration" on a Mesh, VirtualService or VirtualRouter.`,
    );
  },
};

/** The map of metadata labels/annotations at a path, with the key node of the injection switch if present. */
function injectKeyAt(
  root: Node | undefined,
  path: (string | number)[],
  doc: Parameters<typeof nodeAt>[2],
): { key: Node; value?: Node } | undefined {
  for (const p of pairs(nodeAt(root, path, doc)))
    if (keyString(p) === INJECT_KEY) return { key: p.key as Node, value: (p.value ?? undefined) as Node | undefined };
  return undefined;
}

export const injectionSwitchCheck: Check = {
  id: 'appmesh.injectionSwitch',
  scope: 'local',
  appliesTo: (o) =>
    (o.kind === 'Namespace' && (o.apiVersion === undefined || o.apiVersion === 'v1')) ||
    (o.kind !== undefined && o.kind in POD_TEMPLATE_PATHS),
  run(ctx) {
    const obj = ctx.obj;
    const root = obj.root;
    if (obj.kind === 'Namespace') {
      const wrong = injectKeyAt(root, ['metadata', 'annotations'], obj.doc);
      if (wrong)
        ctx.report(
          'appmesh-injection-label-placement',
          wrong.key,
          `On a Namespace the App Mesh injector reads ${INJECT_KEY} from metadata.labels, not annotations: as an annotation it changes nothing (the webhook selects namespaces by the label)`,
        );
      const label = obj.labels[INJECT_KEY];
      if (label === 'disabled')
        ctx.report(
          'appmesh-injection-disabled',
          injectKeyAt(root, ['metadata', 'labels'], obj.doc)?.value,
          `Injection off for namespace ${obj.name ?? ''}: only Pods created from now on lose the Envoy sidecar. Restart the workloads (kubectl rollout restart), check traffic through VPC Lattice, then delete the App Mesh objects and remove this label before uninstalling the App Mesh controller`,
        );
      return;
    }
    const tpl = POD_TEMPLATE_PATHS[obj.kind!];
    const wrong = injectKeyAt(root, [...tpl, 'metadata', 'labels'], obj.doc);
    if (wrong)
      ctx.report(
        'appmesh-injection-label-placement',
        wrong.key,
        `On a Pod the App Mesh injector reads ${INJECT_KEY} from metadata.annotations, not labels: as a label it does not turn injection on or off`,
      );
    const ann = injectKeyAt(root, [...tpl, 'metadata', 'annotations'], obj.doc);
    const v = ann?.value as { value?: unknown } | undefined;
    if (ann && typeof v?.value === 'string' && v.value.toLowerCase() === 'disabled') {
      ctx.report(
        'appmesh-injection-disabled',
        ann.value,
        'Injection off for these Pods: running Pods keep their Envoy sidecar until they are replaced (roll the workload); this annotation wins over the namespace label',
      );
    }
  },
};

export const APPMESH_LOCAL_CHECKS: Check[] = [appMeshObjectCheck, injectionSwitchCheck];
