/**
 * Checks of Flux and Argo CD objects that need only the document itself. The structure of their CRDs is
 * checked by the schema engine; these are the semantics the API server cannot see. Sources:
 * - fluxcd/source-controller docs/spec/v1/gitrepositories.md (URL section: the scp-like form and ports;
 *   `.spec.ref` defaults to the master branch);
 * - fluxcd/flux2 issue #811 (the two Kustomization kinds);
 * - argoproj/argo-cd util/argo/argo.go ("application destination can't have both name and server defined"),
 *   docs/user-guide/multiple_sources.md (`source` is ignored when `sources` is set),
 *   gitops-engine/pkg/sync/syncwaves/waves.go (strconv.Atoi, else wave 0), gitops-engine/pkg/sync/hook/*.go and
 *   controller/hook.go (hook types and delete policies; unknown values are dropped),
 *   docs/user-guide/sync-options.md and controller/sync.go (options are matched as exact `Key=value` strings).
 */
import { isMap, isScalar, type Node, type Pair, type Scalar } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import { getPair, keyString, nodeRange, pairs, resolve } from '@shared/manifest/yamlNodes';
import { isUnknownNode, knownString } from '@shared/manifest/templates';
import { closest } from '../catalog/types';
import { argoAppSpecPath, isGitRepository, items } from './model';

// ───────────────────────────── Flux sources ─────────────────────────────

/** `ssh://[user@]host:` followed by something other than a port number. */
export const SCP_IN_SSH_URL = /^ssh:\/\/(?:[^@/]+@)?[^/:@]+:(?!\d+(?:\/|$))/;

export const gitRepositoryCheck: Check = {
  id: 'gitops.gitrepository',
  scope: 'local',
  appliesTo: isGitRepository,
  run(ctx) {
    const { obj } = ctx;
    const url = obj.node(['spec', 'url']);
    const u = knownString(url);
    if (url && u && SCP_IN_SSH_URL.test(u)) {
      const m = /^ssh:\/\/((?:[^@/]+@)?[^/:@]+):(.*)$/.exec(u)!;
      const fixed = `ssh://${m[1]}/${m[2].replace(/^\/+/, '')}`;
      const r = nodeRange(url);
      const fixes =
        r && isScalar(url) && (url as Scalar).type === 'PLAIN'
          ? [{ title: `Use ${fixed}`, edits: [{ start: r[0], end: r[1], newText: fixed }], preferred: true }]
          : undefined;
      ctx.report(
        'flux-git-url-port',
        url,
        `After "ssh://host:" only a port number may follow, so cloning "${u}" fails with an invalid port. The scp-like "host:org/repo" form does not mix with ssh://; write ${fixed}.`,
        { fixes },
      );
    }
    const spec = obj.node(['spec']);
    if (isMap(spec) && !getPair(spec, 'ref') && !obj.isOpen(spec)) {
      const at = getPair(obj.root, 'spec')?.key as Node | undefined;
      ctx.report(
        'flux-gitrepository-no-ref',
        at,
        'This GitRepository sets no spec.ref, so Flux checks out the "master" branch; on a repository whose default branch is "main" (or anything else) every reconcile fails. Set ref.branch (or tag, semver, commit).',
      );
    }
  },
};

// ───────────────────────────── the two Kustomizations ─────────────────────────────

const FLUX_ONLY_TOP = ['sourceRef', 'interval', 'prune', 'spec'];
const KUSTOMIZE_ONLY = [
  'resources',
  'bases',
  'patchesStrategicMerge',
  'patchesJson6902',
  'configMapGenerator',
  'secretGenerator',
  'commonLabels',
  'namespace',
];

export const kustomizationKindCheck: Check = {
  id: 'gitops.kustomization-kind',
  scope: 'local',
  appliesTo: (o) => o.kind === 'Kustomization' && (o.group === 'kustomize.config.k8s.io' || o.group === 'kustomize.toolkit.fluxcd.io'),
  run(ctx) {
    const { obj } = ctx;
    if (obj.group === 'kustomize.config.k8s.io') {
      const p = pairs(obj.root).find(
        (q) =>
          FLUX_ONLY_TOP.includes(keyString(q) ?? '') &&
          (keyString(q) !== 'spec' ||
            (isMap(resolve(q.value, obj.doc)) &&
              pairs(resolve(q.value, obj.doc)).some((x) => ['sourceRef', 'interval', 'prune', 'path'].includes(keyString(x) ?? '')))),
      );
      if (p)
        ctx.report(
          'flux-kustomization-kind-mixup',
          p.key as Node,
          `"${keyString(p)}" belongs to a Flux Kustomization (kustomize.toolkit.fluxcd.io/v1, applied to the cluster), not to a kustomization.yaml (kustomize.config.k8s.io), which kustomize reads as a build file; kustomize rejects the unknown field.`,
        );
      return;
    }
    const top = pairs(obj.root).find((q) => KUSTOMIZE_ONLY.includes(keyString(q) ?? ''));
    const inSpec = pairs(obj.node(['spec'])).find((q) => ['resources', 'bases'].includes(keyString(q) ?? ''));
    const p = top ?? inSpec;
    if (p)
      ctx.report(
        'flux-kustomization-kind-mixup',
        p.key as Node,
        `"${keyString(p)}" belongs to a kustomization.yaml (kustomize.config.k8s.io/v1beta1), not to a Flux Kustomization: Flux reads spec.path of its source and builds the kustomization.yaml it finds there. Move the field into that file.`,
      );
  },
};

// ───────────────────────────── Argo CD ─────────────────────────────

export const argoApplicationCheck: Check = {
  id: 'gitops.argocd-application',
  scope: 'local',
  appliesTo: (o) => argoAppSpecPath(o) !== undefined,
  run(ctx) {
    const { obj } = ctx;
    const base = argoAppSpecPath(obj)!;
    const dest = obj.node([...base, 'destination']);
    const server = getPair(dest, 'server'),
      name = getPair(dest, 'name');
    if (server && name && hasValue(server) && hasValue(name)) {
      ctx.report(
        'argocd-destination-server-and-name',
        name.key as Node,
        'destination sets both server and name; Argo CD refuses the Application ("can\'t have both name and server defined"). Keep one: name for a registered cluster, server for its API URL (or EKS cluster ARN).',
      );
    }
    const spec = obj.node(base);
    const source = getPair(spec, 'source'),
      sources = getPair(spec, 'sources');
    if (source && sources && isMap(resolve(source.value, obj.doc)) && items(sources.value, obj).length) {
      ctx.report(
        'argocd-source-and-sources',
        source.key as Node,
        'Both source and sources are set: Argo CD uses sources and ignores source entirely. Move this source into the sources list (or drop sources).',
        { tags: ['unnecessary'] },
      );
    }
    for (const opt of items(obj.node([...base, 'syncPolicy', 'syncOptions']), obj)) {
      const t = knownString(opt);
      if (t !== undefined) checkSyncOption(ctx, opt, t, 'application');
    }
  },
};

function hasValue(p: Pair): boolean {
  const v = p.value as Node | null;
  return !!v && !(isScalar(v) && ((v as Scalar).value === null || (v as Scalar).value === ''));
}

interface SyncOption {
  values: string[];
  level: 'application' | 'resource' | 'both';
}

/** Sync options and their values (sync-options.md; gitops-engine common/types.go; controller/sync.go). */
export const SYNC_OPTIONS: Record<string, SyncOption> = {
  Prune: { values: ['false', 'confirm', 'true'], level: 'both' },
  Delete: { values: ['false', 'confirm', 'true'], level: 'both' },
  Validate: { values: ['false', 'true'], level: 'both' },
  SkipDryRunOnMissingResource: { values: ['true', 'false'], level: 'both' },
  ApplyOutOfSyncOnly: { values: ['true', 'false'], level: 'both' },
  PrunePropagationPolicy: { values: ['foreground', 'background', 'orphan'], level: 'application' },
  PruneLast: { values: ['true', 'false'], level: 'both' },
  Replace: { values: ['true', 'false'], level: 'both' },
  Force: { values: ['true', 'false'], level: 'both' },
  ServerSideApply: { values: ['true', 'false'], level: 'both' },
  ClientSideApplyMigration: { values: ['true', 'false'], level: 'both' },
  FailOnSharedResource: { values: ['true', 'false'], level: 'application' },
  RespectIgnoreDifferences: { values: ['true', 'false'], level: 'application' },
  CreateNamespace: { values: ['true', 'false'], level: 'application' },
};

/** Check one `Key=value` option; `at` is the node holding it (or the exact range inside an annotation). */
function checkSyncOption(ctx: CheckContext, at: Node | [number, number], text: string, where: 'application' | 'resource'): void {
  const t = text.trim();
  if (!t || isUnknownText(t)) return;
  const eq = t.indexOf('=');
  const key = eq < 0 ? t : t.slice(0, eq);
  const value = eq < 0 ? undefined : t.slice(eq + 1);
  const opt = SYNC_OPTIONS[key];
  if (!opt) {
    const hint = closest(key, Object.keys(SYNC_OPTIONS), 1);
    ctx.report(
      'argocd-sync-option',
      at,
      `"${key}" is not an Argo CD sync option, so it is ignored${hint.length ? ` — did you mean ${hint[0]}?` : ''}. Options are matched exactly, as Key=value.`,
    );
    return;
  }
  if (value === undefined || !opt.values.includes(value)) {
    const near = value !== undefined ? opt.values.find((v) => v.toLowerCase() === value.toLowerCase()) : undefined;
    ctx.report(
      'argocd-sync-option',
      at,
      `${key}${value === undefined ? ' needs a value' : `=${value} is not recognised`}: Argo CD compares the whole "Key=value" text exactly, so it is ignored. Use ${opt.values.map((v) => `${key}=${v}`).join(' or ')}${near ? ` (here: ${key}=${near})` : ''}.`,
    );
    return;
  }
  if (where === 'resource' && opt.level === 'application') {
    ctx.report(
      'argocd-sync-option',
      at,
      `${key} is an Application-level sync option (spec.syncPolicy.syncOptions); on a resource's sync-options annotation it has no effect.`,
    );
  }
}

function isUnknownText(t: string): boolean {
  return /\{\{|\$\{|\u2592/.test(t);
}

const HOOKS = ['PreSync', 'Sync', 'Skip', 'PostSync', 'SyncFail', 'PreDelete', 'PostDelete'];
const DELETE_POLICIES = ['HookSucceeded', 'HookFailed', 'BeforeHookCreation'];

/** Sync waves, hooks and resource-level sync options on any object's annotations. */
export const argoAnnotationCheck: Check = {
  id: 'gitops.argocd-annotations',
  scope: 'local',
  appliesTo: (o) => Object.keys(o.annotations).some((k) => k.startsWith('argocd.argoproj.io/')),
  run(ctx) {
    const { obj } = ctx;
    for (const p of pairs(obj.node(['metadata', 'annotations']))) {
      const k = keyString(p);
      const v = resolve(p.value, obj.doc);
      if (!k || !k.startsWith('argocd.argoproj.io/') || !isScalar(v) || isUnknownNode(v)) continue;
      const text = (v as Scalar).value === null ? '' : String((v as Scalar).value);
      if (k === 'argocd.argoproj.io/sync-wave') {
        // A YAML number here is reported by core (meta-value-not-string); judge the text.
        if (!/^[+-]?\d+$/.test(text))
          ctx.report(
            'argocd-sync-wave',
            v,
            `sync-wave "${text}" is not an integer: Argo CD cannot parse it and silently puts the resource in wave 0${/^\s*[+-]?\d+\s*$/.test(text) ? ' (spaces count)' : ''}.`,
          );
      } else if (k === 'argocd.argoproj.io/hook' || k === 'argocd.argoproj.io/hook-delete-policy') {
        const allowed = k.endsWith('hook') ? HOOKS : DELETE_POLICIES;
        for (const [part, range] of csvParts(ctx, v, text)) {
          if (allowed.includes(part)) continue;
          const near = allowed.find((a) => a.toLowerCase() === part.toLowerCase()) ?? closest(part, allowed, 1)[0];
          ctx.report(
            'argocd-hook',
            range,
            `"${part}" is not a ${k.endsWith('hook') ? 'hook type' : 'hook delete policy'}; Argo CD drops it silently${k.endsWith('hook') ? ' (with no valid type the resource is not a hook at all)' : ' (the default BeforeHookCreation applies)'}. Allowed: ${allowed.join(', ')}${near ? ` — did you mean ${near}?` : ''}.`,
          );
        }
      } else if (k === 'argocd.argoproj.io/sync-options') {
        for (const [part, range] of csvParts(ctx, v, text)) checkSyncOption(ctx, range, part, 'resource');
      }
    }
  },
};

/** The comma-separated parts of an annotation value with their source ranges (whole scalar when not verbatim). */
function csvParts(ctx: CheckContext, node: Node, text: string): [string, Node | [number, number]][] {
  const r = nodeRange(node);
  const src = r ? ctx.obj.chunk.text.slice(r[0], r[1]) : '';
  const out: [string, Node | [number, number]][] = [];
  let searchFrom = 0;
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const idx = src.indexOf(part, searchFrom);
    if (r && idx >= 0) {
      out.push([part, [r[0] + idx, r[0] + idx + part.length]]);
      searchFrom = idx + part.length;
    } else out.push([part, node]);
  }
  return out;
}
