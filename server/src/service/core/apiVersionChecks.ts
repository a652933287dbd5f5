/** Removed and deprecated apiVersions for the target Kubernetes version, with a quick fix where mechanical. */
import type { Check } from '../checks/types';
import { findRemovedApi, DEPRECATION_GUIDE } from '@shared/apiVersions';
import { compareVersions } from '../settings';
import { nodeRange } from '@shared/manifest/yamlNodes';

export const apiVersionCheck: Check = {
  id: 'core.apiVersion',
  scope: 'local',
  appliesTo: (o) => o.apiVersion !== undefined && o.kind !== undefined,
  run(ctx) {
    const { obj, settings } = ctx;
    const api = findRemovedApi(obj.apiVersion!, obj.kind!);
    if (!api) return;
    const node = obj.node(['apiVersion']);
    const range = nodeRange(node);
    const target = settings.kubernetesVersion;
    const replacement = api.replacement ? `use ${api.replacement}` : 'it has no direct replacement';
    const notes = api.notes ? ` ${api.notes}` : '';
    const fixes = api.replacement && api.mechanical && range
      ? [{ title: `Change apiVersion to ${api.replacement}`, edits: [{ start: range[0], end: range[1], newText: api.replacement }], preferred: true }]
      : undefined;
    if (compareVersions(target, api.removedIn) >= 0) {
      ctx.report('api-removed', node, `${obj.kind} ${api.apiVersion} was removed in Kubernetes ${api.removedIn} (target is ${target}): ${replacement}.${notes} See ${DEPRECATION_GUIDE}`, { fixes });
    } else if (compareVersions(target, api.deprecatedIn) >= 0) {
      ctx.report('api-deprecated', node, `${obj.kind} ${api.apiVersion} is deprecated and stops being served in Kubernetes ${api.removedIn}: ${replacement}.${notes}`, { fixes, tags: ['deprecated'] });
    }
  },
};
