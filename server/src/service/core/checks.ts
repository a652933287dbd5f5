/**
 * The core checks every Kubernetes object gets: removed and deprecated apiVersions for the target Kubernetes
 * version (with a quick fix where the move is mechanical), the required identity fields (apiVersion, kind,
 * metadata.name) (string metadata values: metadataValueChecks.ts).
 */
import type { Node } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import type { Fix } from '../diagnostics/types';
import { findRemovedApi, replacementAt, DEPRECATION_GUIDE, CURRENT_API_VERSIONS, type Replacement } from '@shared/apiVersions';
import { enclosingConditions } from '@shared/manifest/template';
import { compareVersions } from '../settings';
import { getPair, nodeRange } from '@shared/manifest/yamlNodes';
import { replaceScalarEdit } from '../model/edits';

// ───────────────────────────── apiVersion lifecycle ─────────────────────────────

/** The edits that move an object to the replacement: its apiVersion and the fields the move renames (none when one cannot be made). */
function moveFix(ctx: CheckContext, apiNode: Node | undefined, repl: Replacement): Fix[] | undefined {
  const text = ctx.obj.chunk.text;
  const edit = replaceScalarEdit(text, apiNode, repl.apiVersion!);
  if (!edit) return undefined;
  const edits = [edit];
  for (const rn of repl.renames ?? []) {
    const map = ctx.obj.node(rn.at);
    const from = getPair(map, rn.from);
    if (!from) continue;
    if (getPair(map, rn.to)) return undefined;
    const e = replaceScalarEdit(text, from.key, rn.to);
    if (!e) return undefined;
    edits.push(e);
  }
  const renamed = (repl.renames ?? []).filter((rn) => getPair(ctx.obj.node(rn.at), rn.from)).map((rn) => rn.from);
  return [
    {
      title: `Change apiVersion to ${repl.apiVersion}${renamed.length ? ` and rename ${renamed.join(', ')}` : ''}`,
      edits,
      preferred: true,
    },
  ];
}

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
    const target = settings.kubernetesVersion;
    const removed = api.neverServed || (api.removedIn !== undefined && compareVersions(target, api.removedIn) >= 0);
    if (!removed && compareVersions(target, api.deprecatedIn) < 0) return;
    const node = obj.node(['apiVersion']);
    const repl = replacementAt(api, target);
    const use = repl ? `use ${repl.apiVersion}` : `Kubernetes ${target} has no replacement`;
    const renames = (repl?.renames ?? [])
      .map((rn) => ` The move renames ${[...rn.at, rn.from].join('.')} to ${rn.to}${api.mechanical ? ' (the quick fix does both)' : ''}.`)
      .join('');
    const notes = api.notes ? ` ${api.notes}` : '';
    const fixes = repl && api.mechanical ? moveFix(ctx, node, repl) : undefined;
    // In a template, an object inside `{{ if }}` exists only when the condition holds. A chart that keeps an old
    // API for old clusters gates it on the cluster's version (Capabilities, semverCompare): never rendered at
    // the target, so nothing to say. Gated on a value, it is rendered when the user turns it on: a warning.
    const range = nodeRange(node);
    const conds = obj.hasTemplates && range ? enclosingConditions(obj.chunk.source, range[0]) : [];
    if (conds.some((c) => VERSION_GATE.test(c))) return;
    const gated = conds.length ? ` This template renders it only when ${conds.map((c) => `\`${c}\``).join(' and ')}.` : '';
    const severity = gated ? ('warning' as const) : undefined;
    if (api.neverServed) {
      ctx.report(
        'api-removed',
        node,
        `${obj.kind} was never served in ${api.apiVersion} (the migration guide lists it with the ${api.removedIn} removals): ${use}.${notes}${gated} See ${DEPRECATION_GUIDE}`,
        { fixes, severity },
      );
    } else if (removed) {
      ctx.report(
        'api-removed',
        node,
        `${obj.kind} ${api.apiVersion} was removed in Kubernetes ${api.removedIn} (target is ${target}): ${use}.${renames}${notes}${gated} See ${DEPRECATION_GUIDE}`,
        { fixes, severity },
      );
    } else {
      const when = api.removedIn
        ? `stops being served in Kubernetes ${api.removedIn}`
        : `is deprecated since Kubernetes ${api.deprecatedIn} (no removal is scheduled)`;
      ctx.report(
        'api-deprecated',
        node,
        `${obj.kind} ${api.apiVersion} ${api.removedIn ? `is deprecated and ${when}` : when}: ${use}.${renames}${notes}${gated}`,
        { fixes, tags: ['deprecated'] },
      );
    }
  },
};

// ───────────────────────────── identity: apiVersion, kind, metadata.name ─────────────────────────────

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
      ctx.report(
        'missing-api-version',
        obj.node(['kind']) ?? root,
        `${obj.kind ?? 'This object'} has no apiVersion${suggestion(obj.kind)}`,
      );
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
