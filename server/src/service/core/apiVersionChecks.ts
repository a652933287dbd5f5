/** Removed and deprecated apiVersions for the target Kubernetes version, with a quick fix where mechanical. */
import type { Check } from '../checks/types';
import { findRemovedApi, DEPRECATION_GUIDE } from '@shared/apiVersions';
import { compareVersions } from '../settings';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { enclosingConditions } from '@shared/manifest/template';

/** A template condition on the cluster's version or served APIs (helpers named *capabilities* included). */
const VERSION_GATE = /Capabilities|semverCompare|capabilities/;

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
    // In a template, an object inside `{{ if }}` exists only when the condition holds. A chart that keeps an old
    // API for old clusters gates it on the cluster's version (Capabilities, semverCompare): never rendered at
    // the target, so nothing to say. Gated on a value, it is rendered when the user turns it on: a warning.
    const conds = obj.hasTemplates && range ? enclosingConditions(obj.chunk.source, range[0]) : [];
    if (conds.some((c) => VERSION_GATE.test(c))) return;
    const when = conds.length ? ` This template renders it only when ${conds.map((c) => `\`${c}\``).join(' and ')}.` : '';
    if (compareVersions(target, api.removedIn) >= 0) {
      ctx.report('api-removed', node, `${obj.kind} ${api.apiVersion} was removed in Kubernetes ${api.removedIn} (target is ${target}): ${replacement}.${notes}${when} See ${DEPRECATION_GUIDE}`, { fixes, severity: when ? 'warning' : undefined });
    } else if (compareVersions(target, api.deprecatedIn) >= 0) {
      ctx.report('api-deprecated', node, `${obj.kind} ${api.apiVersion} is deprecated and stops being served in Kubernetes ${api.removedIn}: ${replacement}.${notes}${when}`, { fixes, tags: ['deprecated'] });
    }
  },
};
