/** apiVersion, kind and metadata.name must be present on every Kubernetes object. */
import type { Check } from '../checks/types';
import type { K8sObject } from '../model/k8sObject';
import { CURRENT_API_VERSIONS } from '../catalog/apiVersions';

/** Kinds that are files of a tool rather than API objects, so they carry no metadata.name. */
function isToolConfig(obj: K8sObject): boolean {
  const g = obj.group;
  return g === 'kustomize.config.k8s.io' || g === 'kind.x-k8s.io' || g === 'kubeadm.k8s.io' || g === 'kubelet.config.k8s.io'
    || g === 'apiserver.config.k8s.io' || g === 'audit.k8s.io' || g === 'kubeproxy.config.k8s.io' 
    || (obj.apiVersion === 'v1' && (obj.kind === 'Config' || obj.kind === 'List'))
    || obj.kind === 'List';
}

export const requiredFieldsCheck: Check = {
  id: 'core.requiredFields',
  scope: 'local',
  appliesTo: (o) => o.isManifest,
  run(ctx) {
    const { obj } = ctx;
    const root = obj.root;
    if (obj.apiVersion === undefined) {
      ctx.report('missing-api-version', obj.node(['kind']) ?? root, `${obj.kind ?? 'This object'} has no apiVersion${suggestion(obj.kind)}`);
    }
    if (obj.kind === undefined) {
      ctx.report('missing-kind', obj.node(['apiVersion']) ?? root, 'This object has an apiVersion but no kind');
    }
    if (obj.apiVersion === undefined || obj.kind === undefined || isToolConfig(obj)) return;
    if (obj.name === undefined && obj.node(['metadata', 'generateName']) === undefined) {
      const at = obj.node(['metadata']) ? ['metadata'] : ['kind'];
      ctx.report('missing-name', at, `${obj.kind} has no metadata.name (or metadata.generateName)`);
    }
  },
};

function suggestion(kind: string | undefined): string {
  const v = kind ? CURRENT_API_VERSIONS[kind] : undefined;
  return v ? ` (for ${kind}: apiVersion: ${v})` : '';
}
