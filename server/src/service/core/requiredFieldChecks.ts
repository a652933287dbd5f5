/** apiVersion, kind and metadata.name must be present on every Kubernetes object. */
import type { Check } from '../checks/types';
import { CURRENT_API_VERSIONS } from '@shared/apiVersions';

export const requiredFieldsCheck: Check = {
  id: 'core.requiredFields',
  scope: 'local',
  appliesTo: (o) => o.isManifest,
  run(ctx) {
    const { obj } = ctx;
    // A syntax error already says what is wrong with a document; a field it hid is not also "missing".
    if (obj.doc.errors.length > 0) return;
    const root = obj.root;
    if (obj.fileRole === 'kustomization') return; // Kustomize defaults apiVersion and kind
    if (obj.apiVersion === undefined) {
      ctx.report('missing-api-version', obj.node(['kind']) ?? root, `${obj.kind ?? 'This object'} has no apiVersion${suggestion(obj.kind)}`);
    }
    if (obj.kind === undefined) {
      ctx.report('missing-kind', obj.node(['apiVersion']) ?? root, 'This object has an apiVersion but no kind');
    }
    if (obj.apiVersion === undefined || obj.kind === undefined || obj.isToolConfig) return;
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
