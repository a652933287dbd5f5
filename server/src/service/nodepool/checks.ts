/**
 * Local checks for NodePools and NodeClasses: the CRD's schema and CEL rules, EKS Auto Mode specifics, and
 * the v1beta1 → v1 move. Each check sees one document.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import type { Fix } from '../diagnostics/types';
import { validateNode, type SchemaReporter } from '../catalog/schema';
import { closest } from '../catalog/types';
import { getPair, keyString, nodeRange, pairs, resolve, scalarString, type NodePath } from '@shared/manifest/yamlNodes';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { isUnknownText } from '@shared/manifest/templates';
import { replaceScalarEdit } from '../model/edits';
import { podSpecPath, podTemplatePath } from '../workspace/workloads';
import { NODECLASS_SCHEMA_CODES, NODEPOOL_SCHEMA_CODES } from './codes';
import {
  NODECLASS_SPEC_SCHEMA,
  NODEPOOL_SPEC_SCHEMA,
  RESERVED_NODECLASS_TAGS,
  RESERVED_NODECLASS_TAG_PREFIX,
  DURATION_OR_NEVER,
  EPHEMERAL_SIZE_RANGES,
  AUTO_MODE_UNSUPPORTED,
  REQUIREMENT_KEYS,
  SELF_MANAGED_LABELS,
  KARPENTER_FEATURES,
  AUTO_MODE_CATEGORIES,
  BUDGET_SCHEDULE,
  autoModeLaunches,
  autoModeReplacement,
} from './catalog';
import {
  cronError,
  qualifiedNameError,
  isPositiveGoDuration,
  durationSeconds,
  isAutoMode,
  isAutoModeNodeClass,
  isNodePool,
  isNodePoolV1,
  nodePoolRequirements,
  requirementsAt,
  type Requirement,
} from './model';

/** EC2NodeClass (self-managed Karpenter) fields that an Auto Mode NodeClass does not have: AWS manages them. */
const EC2NODECLASS_ONLY = new Set([
  'amiFamily',
  'amiSelectorTerms',
  'userData',
  'blockDeviceMappings',
  'kubelet',
  'metadataOptions',
  'instanceStorePolicy',
  'detailedMonitoring',
  'associatePublicIPAddress',
  'context',
]);

function schemaReporter(ctx: CheckContext, patternCode: string, skip: Set<Node>, skipRequired: Set<string>): SchemaReporter {
  return {
    report(code, at, message) {
      if (code === NODECLASS_SCHEMA_CODES.unknownField && at && !Array.isArray(at) && / in spec( —|$)/.test(message)) {
        const k = scalarString(at as Node);
        if (k && EC2NODECLASS_ONLY.has(k))
          message = `"${k}" is an EC2NodeClass field (self-managed Karpenter); EKS Auto Mode manages it and its NodeClass has no such setting${k === 'associatePublicIPAddress' ? ' (use advancedNetworking.associatePublicIPAddress)' : ''}`;
      }
      if (
        code === NODECLASS_SCHEMA_CODES.unknownField &&
        at &&
        !Array.isArray(at) &&
        scalarString(at as Node) === 'ownerID' &&
        /capacityReservationSelectorTerms/.test(message)
      ) {
        message =
          '"ownerID" is the EC2NodeClass (self-managed Karpenter) spelling; the EKS Auto Mode NodeClass calls the owning account "owner"';
      }
      if (at && !Array.isArray(at) && skip.has(at as Node)) return;
      if (
        code === patternCode &&
        at &&
        !Array.isArray(at) &&
        isScalar(at) &&
        typeof (at as Scalar).value === 'string' &&
        isUnknownText((at as Scalar).value as string)
      )
        return;
      for (const s of skipRequired) if (message.includes(s)) return;
      ctx.report(code, at, message);
    },
  };
}

// ───────────────────────────── NodePool v1 ─────────────────────────────

/** Label keys the CRD reserves (requirements and template labels). */
export function restrictedLabel(key: string): string | undefined {
  if (key === 'karpenter.sh/nodepool') return '"karpenter.sh/nodepool" is set by Karpenter itself on every node; select it in Pods instead';
  if (key === 'kubernetes.io/hostname') return '"kubernetes.io/hostname" is unique per node and cannot be required or set by a NodePool';
  const slash = key.indexOf('/');
  const domain = slash === -1 ? key : key.slice(0, slash);
  if (slash !== -1 && domain.endsWith('karpenter.sh') && key !== 'karpenter.sh/capacity-type')
    return `the "karpenter.sh" label domain is reserved; only karpenter.sh/capacity-type may be used (got "${key}")`;
  return undefined;
}

const NUMERIC_OPS = new Set(['Gt', 'Lt', 'Gte', 'Lte']);

const AWS_DOMAIN = 'karpenter.k8s.aws';
const AWS_LABELS = SELF_MANAGED_LABELS.map((e) => e.name);

/** A karpenter.k8s.aws key that self-managed Karpenter on AWS does not know: its domain is restricted (aws/karpenter-provider-aws pkg/apis/v1/labels.go). */
function unknownAwsLabel(ctx: CheckContext, keyNode: Node, key: string, where: string): void {
  const domain = key.split('/')[0];
  if (
    !(domain === AWS_DOMAIN || domain.endsWith(`.${AWS_DOMAIN}`)) ||
    REQUIREMENT_KEYS.get(key)?.selfManaged ||
    key === 'topology.k8s.aws/zone-id'
  )
    return;
  const hint = closest(key, AWS_LABELS, 1);
  ctx.report(
    'nodepool-restricted-label',
    keyNode,
    `Restricted ${where}: the ${AWS_DOMAIN} label domain is reserved by Karpenter on AWS and "${key}" is not one of its well-known labels, so the NodePool fails validation and launches nothing${hint.length ? ` — did you mean "${hint[0]}"?` : ''}`,
    { fixes: hint.length ? replaceFix(`Use ${hint[0]}`, keyNode, ctx.obj, hint[0]) : [] },
  );
}

/** Whether the NodePool uses self-managed Karpenter on AWS (an EC2NodeClass). */
function isAwsPool(o: K8sObject): boolean {
  return scalarString(o.node(['spec', 'template', 'spec', 'nodeClassRef', 'group'])) === AWS_DOMAIN;
}

function replaceFix(title: string, node: Node, obj: K8sObject, value: string): Fix[] {
  const edit = replaceScalarEdit(obj.chunk.text, node, value);
  return edit ? [{ title, edits: [edit], preferred: true }] : [];
}

/** Start of the line holding `offset` and the end of the line holding `end` (with its newline). */
function wholeLines(text: string, offset: number, end: number): [number, number] {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', Math.max(end - 1, offset));
  return [start, nl === -1 ? text.length : nl + 1];
}

/** Quick fix: move `disruption.expireAfter` to `template.spec.expireAfter` (block maps only, target not already set). */
function moveExpireAfterFix(ctx: CheckContext, exp: Pair): Fix[] {
  const { obj } = ctx;
  const text = obj.chunk.text;
  const target = obj.node(['spec', 'template', 'spec']);
  if (!isMap(target) || getPair(target, 'expireAfter') || (target as { flow?: boolean }).flow) return [];
  const value = scalarString(resolve(exp.value, obj.doc));
  const first = (target.items as Pair[])[0];
  const kr = nodeRange(exp.key),
    vr = nodeRange(exp.value),
    fr = nodeRange(first?.key);
  if (value === undefined || !kr || !vr || !fr) return [];
  const [delStart, delEnd] = wholeLines(text, kr[0], vr[1]);
  if (text.slice(delStart, kr[0]).trim() !== '' || text.slice(vr[1], delEnd).replace(/#.*$/, '').trim() !== '') return [];
  const lineStart = text.lastIndexOf('\n', fr[0] - 1) + 1;
  const indent = text.slice(lineStart, fr[0]);
  if (indent.trim() !== '') return [];
  return [
    {
      title: 'Move expireAfter to spec.template.spec',
      preferred: true,
      edits: [
        { start: lineStart, end: lineStart, newText: `${indent}expireAfter: ${value}\n` },
        { start: delStart, end: delEnd, newText: '' },
      ],
    },
  ];
}

/** The v1beta1 shapes found in a v1 NodePool, with the nodes whose schema findings they replace. */
function leftovers(ctx: CheckContext, skip: Set<Node>, skipRequired: Set<string>): void {
  const { obj } = ctx;
  const disruption = obj.node(['spec', 'disruption']);
  const exp = getPair(disruption, 'expireAfter');
  if (exp) {
    skip.add(exp.key as Node);
    ctx.report(
      'nodepool-v1beta1-leftover',
      exp.key as Node,
      'expireAfter under spec.disruption is the v1beta1 place: karpenter.sh/v1 drops it silently and nodes get the default lifetime. Move it to spec.template.spec.expireAfter.',
      { fixes: moveExpireAfterFix(ctx, exp) },
    );
  }
  const pol = obj.node(['spec', 'disruption', 'consolidationPolicy']);
  if (scalarString(pol) === 'WhenUnderutilized' && pol) {
    skip.add(pol);
    ctx.report(
      'nodepool-v1beta1-leftover',
      pol,
      'consolidationPolicy WhenUnderutilized is the v1beta1 value; in karpenter.sh/v1 it is WhenEmptyOrUnderutilized (the API rejects the old value).',
      { severity: 'error', fixes: replaceFix('Use WhenEmptyOrUnderutilized', pol, ctx.obj, 'WhenEmptyOrUnderutilized') },
    );
  }
  const ref = obj.node(['spec', 'template', 'spec', 'nodeClassRef']);
  const av = getPair(ref, 'apiVersion');
  if (av) {
    skip.add(av.key as Node);
    const avText = scalarString(resolve(av.value, obj.doc)) ?? '';
    const group = avText.split('/')[0];
    const hasGroup = getPair(ref, 'group') !== undefined;
    if (!hasGroup) skipRequired.add('nodeClassRef is missing the required field "group"');
    const kr = nodeRange(av.key),
      vr = nodeRange(av.value);
    const fixes: Fix[] =
      !hasGroup && kr && vr && group
        ? [{ title: `Replace with group: ${group}`, edits: [{ start: kr[0], end: vr[1], newText: `group: ${group}` }], preferred: true }]
        : [];
    ctx.report(
      'nodepool-v1beta1-leftover',
      av.key as Node,
      `nodeClassRef.apiVersion is the v1beta1 form; karpenter.sh/v1 names the NodeClass by group${group ? ` (group: ${group})` : ''}, kind and name${hasGroup ? '' : ' and rejects a nodeClassRef without group'}.`,
      { severity: hasGroup ? 'warning' : 'error', fixes },
    );
  }
  const kubelet = getPair(obj.node(['spec', 'template', 'spec']), 'kubelet');
  if (kubelet) {
    skip.add(kubelet.key as Node);
    ctx.report(
      'nodepool-v1beta1-leftover',
      kubelet.key as Node,
      `kubelet settings moved from the NodePool to the NodeClass in karpenter.sh/v1 (EC2NodeClass spec.kubelet${isAutoMode(obj) ? '; EKS Auto Mode does not expose kubelet settings' : ''}); here they are dropped silently.`,
    );
  }
}

function checkRequirements(ctx: CheckContext, reqs: Requirement[], auto: boolean): void {
  const aws = isAwsPool(ctx.obj);
  for (const r of reqs) {
    const op = r.operator;
    const at = r.operatorNode ?? r.item;
    const placeholderValues =
      isScalar(r.valuesNode) &&
      typeof (r.valuesNode as Scalar).value === 'string' &&
      isUnknownText((r.valuesNode as Scalar).value as string);
    if (op === 'In' && r.values.length === 0 && !placeholderValues) {
      ctx.report(
        'nodepool-requirement-in-needs-values',
        at,
        `Requirement "${r.key ?? ''}" uses In without values; list at least one value (or use Exists).`,
      );
    }
    if (op && NUMERIC_OPS.has(op)) {
      if (r.values.length !== 1 || !/^[0-9]+$/.test(r.values[0])) {
        const placeholder = r.values.length === 1 && isUnknownText(r.values[0]);
        if (!placeholder)
          ctx.report(
            'nodepool-requirement-numeric-value',
            r.valuesNode ?? at,
            `Requirement "${r.key ?? ''}" with ${op} needs exactly one value, a non-negative integer${r.values.length ? ` (got ${r.values.map((x) => `"${x}"`).join(', ')})` : ''}.`,
          );
      }
    }
    if (op === 'In' && r.minValues !== undefined && r.values.length < r.minValues) {
      ctx.report(
        'nodepool-requirement-min-values',
        r.minValuesNode ?? at,
        `minValues is ${r.minValues} but requirement "${r.key ?? ''}" lists only ${r.values.length} value${r.values.length === 1 ? '' : 's'}.`,
      );
    }
    if (r.key === undefined || !r.keyNode) continue;
    const restricted = restrictedLabel(r.key);
    if (restricted) ctx.report('nodepool-restricted-label', r.keyNode, `Restricted requirement key: ${restricted}.`);
    else if (aws) unknownAwsLabel(ctx, r.keyNode, r.key, 'requirement key');
    const entry = REQUIREMENT_KEYS.get(r.key);
    if (op === 'Gte' || op === 'Lte') versionSkew(ctx, r.operatorNode ?? r.item, KARPENTER_FEATURES.gteLte);
    if (entry && (op === 'In' || op === 'NotIn') && !(auto && entry.selfManaged)) {
      r.values.forEach((val, i) => {
        if (isUnknownText(val)) return;
        if (entry.valueKind === 'integer' && !/^[0-9]+$/.test(val))
          ctx.report('nodepool-requirement-unknown-value', r.valueNodes[i], `${r.key} is a number label; "${val}" never matches.`);
        else if (entry.closed && entry.values && !entry.values.some((x) => x.value === val))
          ctx.report(
            'nodepool-requirement-unknown-value',
            r.valueNodes[i],
            `${r.key} is never "${val}"; it is one of ${entry.values.map((x) => x.value).join(', ')}.`,
          );
      });
    }
    if (!auto) continue;
    const positive = op === 'In' || op === 'Exists' || (op !== undefined && NUMERIC_OPS.has(op));
    if (r.key.startsWith('karpenter.k8s.aws/')) {
      const repl = autoModeReplacement(r.key);
      const fixes = repl ? replaceFix(`Use ${repl}`, r.keyNode, ctx.obj, repl) : [];
      ctx.report(
        'nodepool-auto-mode-karpenter-label',
        r.keyNode,
        `${r.key} is a self-managed Karpenter label; EKS Auto Mode nodes never carry it${positive ? ', so this NodePool would never launch a node' : ''}. ${repl ? `Use ${repl}.` : 'Auto Mode has no equivalent label.'}`,
        { fixes, severity: positive ? 'error' : 'warning' },
      );
    } else if (AUTO_MODE_UNSUPPORTED.has(r.key)) {
      ctx.report(
        'nodepool-auto-mode-unsupported-label',
        r.keyNode,
        `EKS Auto Mode does not support ${r.key} in NodePool requirements (its nodes are Linux only); remove this requirement.`,
      );
    } else if (r.key.startsWith('eks.amazonaws.com/') && !entry) {
      const hint = closest(
        r.key,
        REQUIREMENT_KEYS.names().filter((n) => n.startsWith('eks.amazonaws.com/')),
        1,
      );
      ctx.report(
        'nodepool-requirement-unknown-key',
        r.keyNode,
        `EKS Auto Mode defines no label "${r.key}"${hint.length ? ` — did you mean "${hint[0]}"?` : ''}`,
        { fixes: hint.length ? replaceFix(`Use ${hint[0]}`, r.keyNode, ctx.obj, hint[0]) : [] },
      );
    }
  }
}

const TINY_SIZES = new Set(['nano', 'micro', 'small']);

/** Why the requirements only allow instances Auto Mode never launches, or undefined. */
export function tinyOnly(reqs: Requirement[]): { req: Requirement; why: string } | undefined {
  for (const r of reqs) {
    if (r.operator === 'In' && r.values.length) {
      if (r.key === 'eks.amazonaws.com/instance-size' && r.values.every((v) => TINY_SIZES.has(v)))
        return { req: r, why: `instance sizes ${r.values.join(', ')}` };
      if (r.key === 'node.kubernetes.io/instance-type' && r.values.every((v) => TINY_SIZES.has(v.split('.')[1] ?? '')))
        return { req: r, why: `instance types ${r.values.join(', ')}` };
      if (r.key === 'eks.amazonaws.com/instance-cpu' && r.values.every((v) => v === '1')) return { req: r, why: '1 vCPU' };
    }
    if (r.key === 'eks.amazonaws.com/instance-cpu' && r.values.length === 1) {
      const n = Number(r.values[0]);
      if ((r.operator === 'Lt' && n <= 2) || (r.operator === 'Lte' && n <= 1))
        return { req: r, why: `fewer than 2 vCPUs (${r.operator} ${r.values[0]})` };
    }
  }
  return undefined;
}

/** Why the requirements only allow instance families or categories Auto Mode never launches, or undefined. */
export function unlaunchableOnly(reqs: Requirement[]): { req: Requirement; why: string } | undefined {
  for (const r of reqs) {
    if (r.operator !== 'In' || !r.values.length || r.values.some(isUnknownText)) continue;
    if (r.key === 'eks.amazonaws.com/instance-family' && r.values.every((f) => !autoModeLaunches(f)))
      return { req: r, why: `instance families ${r.values.join(', ')}` };
    if (r.key === 'eks.amazonaws.com/instance-category' && r.values.every((c) => !AUTO_MODE_CATEGORIES.has(c)))
      return { req: r, why: `instance categories ${r.values.join(', ')}` };
    if (r.key === 'node.kubernetes.io/instance-type' && r.values.every((t) => t.includes('.') && !autoModeLaunches(t.split('.')[0])))
      return { req: r, why: `instance types ${r.values.join(', ')}` };
  }
  return undefined;
}

function checkAutoModeLifetime(ctx: CheckContext): void {
  const n = ctx.obj.node(['spec', 'template', 'spec', 'expireAfter']);
  const text = scalarString(n);
  if (!n || text === undefined || !DURATION_OR_NEVER.test(text)) return;
  const secs = text === 'Never' ? Infinity : durationSeconds(text)!;
  if (secs > 504 * 3600) {
    ctx.report(
      'nodepool-expire-after-too-long',
      n,
      `EKS Auto Mode replaces every node after at most 21 days (504h), so expireAfter ${text} is not honoured. Set 504h or less, and run workloads that need longer-lived nodes on a managed node group.`,
      { fixes: replaceFix('Set expireAfter to 504h', n, ctx.obj, '504h') },
    );
  }
}

function checkLabels(ctx: CheckContext): void {
  const aws = isAwsPool(ctx.obj);
  for (const p of pairs(ctx.obj.node(['spec', 'template', 'metadata', 'labels']))) {
    const k = keyString(p);
    if (k === undefined || isUnknownText(k)) continue;
    const why = restrictedLabel(k);
    const invalid = qualifiedNameError(k);
    if (why) ctx.report('nodepool-restricted-label', p.key as Node, `Restricted node label: ${why}.`);
    else if (invalid)
      ctx.report(
        'nodepool-schema-pattern',
        p.key as Node,
        `"${k}" is not a valid label key: ${invalid}. Karpenter's NodePool validation rejects it and the NodePool launches nothing.`,
      );
    else if (aws) unknownAwsLabel(ctx, p.key as Node, k, 'node label');
  }
}

function checkBudgets(ctx: CheckContext): void {
  const budgets = ctx.obj.node(['spec', 'disruption', 'budgets']);
  if (!isSeq(budgets)) return;
  for (const raw of budgets.items) {
    const b = resolve(raw, ctx.obj.doc);
    if (!isMap(b)) continue;
    const sched = getPair(b, 'schedule'),
      dur = getPair(b, 'duration');
    const schedNode = resolve(sched?.value, ctx.obj.doc) as Node | undefined;
    const schedText = scalarString(schedNode);
    if (schedNode && schedText !== undefined && !isUnknownText(schedText) && BUDGET_SCHEDULE.test(schedText)) {
      const why = cronError(schedText);
      if (why)
        ctx.report(
          'nodepool-budget-schedule-invalid',
          schedNode,
          `The CRD pattern accepts this schedule, but Karpenter cannot parse it as a standard cron expression (${why}); it then treats the budget as broken and allows no disruption at all for this NodePool.`,
        );
    }
    const reasons = resolve(getPair(b, 'reasons')?.value, ctx.obj.doc);
    if (isSeq(reasons)) {
      const seen = new Set<string>();
      for (const raw of reasons.items) {
        const n = resolve(raw, ctx.obj.doc) as Node | undefined;
        const v = scalarString(n);
        if (v === undefined || !n) continue;
        if (seen.has(v))
          ctx.report(
            'nodepool-budget-duplicate-reason',
            n,
            `"${v}" is listed twice: budget reasons are a set and the API server rejects duplicates.`,
          );
        seen.add(v);
      }
    }
    if (!!sched !== !!dur) {
      const present = (sched ?? dur)!;
      ctx.report(
        'nodepool-budget-schedule-duration',
        present.key as Node,
        sched
          ? 'This budget has a schedule but no duration: set both (e.g. duration: 8h) so the window has an end.'
          : 'This budget has a duration but no schedule: set both (e.g. schedule: "0 9 * * mon-fri").',
      );
    }
  }
}

function checkDuplicateTaints(ctx: CheckContext): void {
  const seen = new Map<string, string>();
  for (const field of ['taints', 'startupTaints']) {
    const seq = ctx.obj.node(['spec', 'template', 'spec', field]);
    if (!isSeq(seq)) continue;
    seq.items.forEach((raw, i) => {
      const t = resolve(raw, ctx.obj.doc);
      const key = scalarString(resolve(getPair(t, 'key')?.value, ctx.obj.doc));
      if (!isMap(t) || key === undefined) return;
      const effect = scalarString(resolve(getPair(t, 'effect')?.value, ctx.obj.doc)) ?? '';
      const id = `${key}:${effect}`;
      const first = seen.get(id);
      if (first)
        ctx.report(
          'nodepool-duplicate-taint',
          getPair(t, 'key')!.key as Node,
          `The taint ${id} is already set in ${first}; each key/effect pair may appear once across taints and startupTaints.`,
        );
      else seen.set(id, `${field}[${i}]`);
    });
  }
}

function checkStatic(ctx: CheckContext): void {
  const spec = ctx.obj.node(['spec']);
  const replicas = getPair(spec, 'replicas');
  if (!replicas) return;
  versionSkew(ctx, replicas.key as Node, KARPENTER_FEATURES.replicas);
  const w = getPair(spec, 'weight');
  if (w) ctx.report('nodepool-static-nodepool', w.key as Node, 'weight is not supported on a static NodePool (replicas is set).');
  for (const p of pairs(ctx.obj.node(['spec', 'limits']))) {
    if (keyString(p) !== 'nodes')
      ctx.report(
        'nodepool-static-nodepool',
        p.key as Node,
        `Only limits.nodes is supported on a static NodePool (replicas is set); remove limits.${keyString(p)}.`,
      );
  }
}

/** The NodeClass kinds of the two AWS groups: any other pairing never resolves. */
const NODECLASS_KINDS: Record<string, string> = { 'eks.amazonaws.com': 'NodeClass', 'karpenter.k8s.aws': 'EC2NodeClass' };

function checkNodeClassRefKind(ctx: CheckContext): void {
  const ref = ['spec', 'template', 'spec', 'nodeClassRef'];
  const group = scalarString(ctx.obj.node([...ref, 'group']));
  const kindNode = ctx.obj.node([...ref, 'kind']);
  const kind = scalarString(kindNode);
  const want = group !== undefined ? NODECLASS_KINDS[group] : undefined;
  if (!want || kind === undefined || kind === '' || kind === want || isUnknownText(kind) || !kindNode) return;
  ctx.report(
    'nodepool-nodeclass-kind',
    kindNode,
    `The ${group} group has no kind ${kind}: its NodeClass kind is ${want}${group === 'eks.amazonaws.com' ? ' (EKS Auto Mode; EC2NodeClass belongs to self-managed Karpenter, group karpenter.k8s.aws)' : ' (self-managed Karpenter on AWS; NodeClass belongs to EKS Auto Mode, group eks.amazonaws.com)'}. The reference never resolves and the NodePool launches no nodes.`,
    { fixes: replaceFix(`Use kind ${want}`, kindNode, ctx.obj, want) },
  );
}

function versionSkew(ctx: CheckContext, at: Node, f: { what: string; version: string; source: string }): void {
  ctx.report(
    'nodepool-version-skew',
    at,
    `${f.what} came with Karpenter ${f.version}: a cluster whose Karpenter (or EKS Auto Mode's built-in one) is older rejects or drops it.`,
  );
}

function checkNodeClassRefEmpty(ctx: CheckContext): void {
  for (const f of ['group', 'kind', 'name']) {
    const n = ctx.obj.node(['spec', 'template', 'spec', 'nodeClassRef', f]);
    if (isScalar(n) && (n as Scalar).value === '') ctx.report('nodepool-schema-required', n, `nodeClassRef.${f} may not be empty.`);
  }
}

export const nodePoolV1Check: Check = {
  id: 'nodepool.v1',
  scope: 'local',
  appliesTo: isNodePoolV1,
  run(ctx) {
    const { obj } = ctx;
    const skip = new Set<Node>();
    const skipRequired = new Set<string>();
    leftovers(ctx, skip, skipRequired);
    const spec = obj.node(['spec']);
    const specKey = getPair(obj.root, 'spec')?.key as Node | undefined;
    if (!spec)
      ctx.report(
        'nodepool-schema-required',
        obj.node(['kind']),
        'NodePool has no spec (it needs spec.template.spec with nodeClassRef and requirements).',
      );
    else
      validateNode(
        spec,
        NODEPOOL_SPEC_SCHEMA,
        NODEPOOL_SCHEMA_CODES,
        schemaReporter(ctx, NODEPOOL_SCHEMA_CODES.pattern, skip, skipRequired),
        obj.doc,
        'spec',
        specKey,
      );
    checkNodeClassRefEmpty(ctx);
    checkNodeClassRefKind(ctx);
    const pol = obj.node(['spec', 'disruption', 'consolidationPolicy']);
    if (pol && scalarString(pol) === 'Balanced') versionSkew(ctx, pol, KARPENTER_FEATURES.balanced);
    const auto = isAutoMode(obj);
    const reqs = nodePoolRequirements(obj);
    checkRequirements(ctx, reqs, auto);
    checkLabels(ctx);
    checkBudgets(ctx);
    checkDuplicateTaints(ctx);
    checkStatic(ctx);
    if (auto) {
      checkAutoModeLifetime(ctx);
      const tiny = tinyOnly(reqs);
      if (tiny)
        ctx.report(
          'nodepool-tiny-instances-only',
          tiny.req.valuesNode ?? tiny.req.item,
          `This requirement allows only ${tiny.why}; EKS Auto Mode never launches nano, micro, small or 1-vCPU instances, so this NodePool will never create a node. Allow medium or larger sizes.`,
        );
      const fam = unlaunchableOnly(reqs);
      if (fam)
        ctx.report(
          'nodepool-auto-mode-unsupported-family',
          fam.req.valuesNode ?? fam.req.item,
          `This requirement allows only ${fam.why}, which EKS Auto Mode does not launch (see its supported instance reference), so this NodePool will never create a node.`,
        );
    }
  },
};

// ───────────────────────────── v1beta1 / v1alpha5 ─────────────────────────────

function isOldKarpenter(o: K8sObject): boolean {
  return (
    (o.kind === 'NodePool' && o.group === 'karpenter.sh' && o.apiVersion !== 'karpenter.sh/v1') ||
    (o.kind === 'Provisioner' && o.group === 'karpenter.sh')
  );
}

/** What changes for this document when it moves to karpenter.sh/v1. */
export function migrationSteps(o: K8sObject): string[] {
  const steps: string[] = [];
  if (o.kind === 'Provisioner') {
    steps.push(
      'Provisioner became NodePool: requirements, taints, labels and kubeletConfiguration move under spec.template; providerRef becomes spec.template.spec.nodeClassRef (group/kind/name); ttlSecondsAfterEmpty becomes disruption.consolidationPolicy WhenEmpty + consolidateAfter; ttlSecondsUntilExpired becomes spec.template.spec.expireAfter',
    );
    return steps;
  }
  if (o.node(['spec', 'disruption', 'expireAfter'])) steps.push('move spec.disruption.expireAfter to spec.template.spec.expireAfter');
  if (scalarString(o.node(['spec', 'disruption', 'consolidationPolicy'])) === 'WhenUnderutilized')
    steps.push('consolidationPolicy WhenUnderutilized becomes WhenEmptyOrUnderutilized');
  const ref = o.node(['spec', 'template', 'spec', 'nodeClassRef']);
  if (getPair(ref, 'apiVersion') || !getPair(ref, 'group'))
    steps.push(
      'nodeClassRef needs group (e.g. karpenter.k8s.aws or, in Auto Mode, eks.amazonaws.com), kind and name instead of apiVersion',
    );
  if (o.node(['spec', 'template', 'spec', 'kubelet'])) steps.push('spec.template.spec.kubelet moves to the EC2NodeClass (spec.kubelet)');
  return steps;
}

export const nodePoolOldVersionCheck: Check = {
  id: 'nodepool.v1beta1',
  scope: 'local',
  appliesTo: isOldKarpenter,
  run(ctx) {
    const o = ctx.obj;
    const steps = migrationSteps(o);
    const what =
      o.kind === 'Provisioner'
        ? `kind: Provisioner (the karpenter.sh/v1alpha5 API${o.apiVersion && o.apiVersion !== 'karpenter.sh/v1alpha5' ? `, here with apiVersion ${o.apiVersion}` : ''})`
        : `NodePool ${o.apiVersion}`;
    const avNode = o.node(['apiVersion']);
    const onlyVersion = o.kind === 'NodePool' && steps.length === 0;
    const fixes = onlyVersion && avNode ? replaceFix('Use karpenter.sh/v1', avNode, ctx.obj, 'karpenter.sh/v1') : [];
    const how = o.kind === 'Provisioner' ? steps.join('; ') : ['set apiVersion: karpenter.sh/v1', ...steps].join('; ');
    ctx.report(
      'nodepool-v1beta1',
      avNode ?? o.node(['kind']),
      `${what} is not served by Karpenter 1.x or EKS Auto Mode, which accept only karpenter.sh/v1 NodePools. To move: ${how}${onlyVersion ? ' (the rest of this NodePool already has the v1 shape)' : ''}.`,
      { tags: ['deprecated'], fixes },
    );
  },
};

// ───────────────────────────── NodeClass ─────────────────────────────

function checkSelectorTerms(ctx: CheckContext, field: string): void {
  const seq = ctx.obj.node(['spec', field]);
  if (!isSeq(seq)) return;
  seq.items.forEach((raw, i) => {
    const t = resolve(raw, ctx.obj.doc);
    if (!isMap(t)) return;
    const keys = (t.items as Pair[]).map((p) => keyString(p)).filter((k): k is string => !!k);
    if (keys.length === 0)
      ctx.report(
        'nodeclass-selector-term',
        t,
        `${field}[${i}] is empty: give an id or tags${field.includes('ecurityGroup') ? ' or a name' : ''}.`,
      );
    else if (keys.includes('id') && keys.length > 1) {
      const idPair = (t.items as Pair[]).find((p) => keyString(p) === 'id')!;
      ctx.report(
        'nodeclass-selector-term',
        idPair.key as Node,
        `${field}[${i}]: id selects exactly one resource and cannot be combined with ${keys.filter((k) => k !== 'id').join(', ')}; use a separate term.`,
      );
    }
  });
}

/** role and instanceProfile are mutually exclusive; one of them names the nodes' IAM identity (create-node-class.html#auto-node-class-spec). */
function checkRoleOrProfile(ctx: CheckContext): void {
  const spec = ctx.obj.node(['spec']);
  const role = getPair(spec, 'role'),
    profile = getPair(spec, 'instanceProfile');
  if (role && profile) {
    ctx.report(
      'nodeclass-role-and-instance-profile',
      profile.key as Node,
      'role and instanceProfile are mutually exclusive: set the node IAM role by name (role) or through an instance profile (instanceProfile), not both.',
    );
  } else if (!role && !profile && isMap(spec)) {
    ctx.report(
      'nodeclass-schema-required',
      getPair(ctx.obj.root, 'spec')?.key as Node,
      "spec needs the nodes' IAM identity: role (an IAM role name) or instanceProfile (an instance profile name).",
    );
  }
}

/** ephemeralStorage.size within the documented range for its unit. */
function checkEphemeralSize(ctx: CheckContext): void {
  const n = ctx.obj.node(['spec', 'ephemeralStorage', 'size']);
  const text = scalarString(n);
  if (!n || text === undefined || isUnknownText(text)) return;
  const m = /^(\d+)(Gi|G|Ti|T)$/.exec(text);
  if (m) {
    const [lo, hi] = EPHEMERAL_SIZE_RANGES[m[2]];
    const v = Number(m[1]);
    if (v < lo || v > hi)
      ctx.report(
        'nodeclass-schema-range',
        n,
        `ephemeralStorage.size ${text} is outside the documented range for ${m[2]} (${lo}–${hi}${m[2]}); EKS documents 1–59000Gi, 1–64000G, 1–58Ti or 1–64T.`,
      );
  } else if (/^\d+(\.\d+)?([KMGTPE]i?|[numk]|e\d+)?$/.test(text)) {
    ctx.report(
      'nodeclass-schema-range',
      n,
      `ephemeralStorage.size ${text} is not in a documented unit: EKS documents sizes in Gi, G, Ti or T (1–59000Gi, 1–64000G, 1–58Ti, 1–64T).`,
      { severity: 'warning' },
    );
  }
}

export const nodeClassCheck: Check = {
  id: 'nodeclass.v1',
  scope: 'local',
  appliesTo: (o) => isAutoModeNodeClass(o) && o.apiVersion === 'eks.amazonaws.com/v1',
  run(ctx) {
    const { obj } = ctx;
    const spec = obj.node(['spec']);
    if (!spec)
      ctx.report(
        'nodeclass-schema-required',
        obj.node(['kind']),
        'NodeClass has no spec (EKS documents role or instanceProfile, subnetSelectorTerms and securityGroupSelectorTerms as required).',
      );
    else
      validateNode(
        spec,
        NODECLASS_SPEC_SCHEMA,
        NODECLASS_SCHEMA_CODES,
        schemaReporter(ctx, NODECLASS_SCHEMA_CODES.pattern, new Set(), new Set()),
        obj.doc,
        'spec',
        getPair(obj.root, 'spec')?.key as Node | undefined,
      );
    if (spec) checkRoleOrProfile(ctx);
    checkEphemeralSize(ctx);
    for (const f of [
      'subnetSelectorTerms',
      'securityGroupSelectorTerms',
      'podSubnetSelectorTerms',
      'podSecurityGroupSelectorTerms',
      'capacityReservationSelectorTerms',
    ])
      checkSelectorTerms(ctx, f);
    for (const p of pairs(obj.node(['spec', 'tags']))) {
      const k = keyString(p);
      if (k && (RESERVED_NODECLASS_TAGS.includes(k) || k.startsWith(RESERVED_NODECLASS_TAG_PREFIX)))
        ctx.report('nodeclass-reserved-tag', p.key as Node, `The tag key "${k}" is reserved by EKS and cannot be set in a NodeClass.`);
    }
    if (obj.name === 'default')
      ctx.report(
        'nodeclass-named-default',
        obj.node(['metadata', 'name']),
        "`default` is the name of EKS Auto Mode's built-in NodeClass; give a custom NodeClass another name.",
      );
  },
};

export { isNodePool, requirementsAt };

/**
 * The NodePool CRD's CEL rules (x-kubernetes-validations) and the code that checks each in the editor.
 * Rules comparing with `oldSelf` (immutability, transitions) need the live object and are not checked.
 * test/unit/nodepool/crd.test.ts fails when the CRD gains a rule missing here.
 */
export const CEL_RULES: { message: string; code: string }[] = [
  { message: "'schedule' must be set with 'duration'", code: 'nodepool-budget-schedule-duration' },
  { message: 'label domain "karpenter.sh" is restricted', code: 'nodepool-restricted-label' },
  { message: 'label "karpenter.sh/nodepool" is restricted', code: 'nodepool-restricted-label' },
  { message: 'label "kubernetes.io/hostname" is restricted', code: 'nodepool-restricted-label' },
  { message: 'group may not be empty', code: 'nodepool-schema-required' },
  { message: 'kind may not be empty', code: 'nodepool-schema-required' },
  { message: 'name may not be empty', code: 'nodepool-schema-required' },
  { message: "requirements with operator 'In' must have a value defined", code: 'nodepool-requirement-in-needs-values' },
  {
    message: "requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value",
    code: 'nodepool-requirement-numeric-value',
  },
  {
    message: "requirements with 'minValues' must have at least that many values specified in the 'values' field",
    code: 'nodepool-requirement-min-values',
  },
  { message: "only 'limits.nodes' is supported on static NodePools", code: 'nodepool-static-nodepool' },
  { message: "'weight' is not supported on static NodePools", code: 'nodepool-static-nodepool' },
];

// ───────────────────────────── workloads ─────────────────────────────

const COMPUTE_TYPE = 'eks.amazonaws.com/compute-type';
const POSITIVE = new Set(['In', 'Exists', 'Gt', 'Lt', 'Gte', 'Lte']);

/** A Pod template that asks for EKS Auto Mode nodes must not require karpenter.k8s.aws labels: Auto Mode nodes never carry them. */
export const autoModePodCheck: Check = {
  id: 'nodepool.autoModePod',
  scope: 'local',
  appliesTo: (o) => podSpecPath(o) !== undefined,
  run(ctx) {
    const spec = ctx.obj.node(podSpecPath(ctx.obj)!);
    const doc = ctx.obj.doc;
    const nodeSelector = resolve(getPair(spec, 'nodeSelector')?.value, doc);
    const termsNode = ctx.obj.node([
      ...podSpecPath(ctx.obj)!,
      'affinity',
      'nodeAffinity',
      'requiredDuringSchedulingIgnoredDuringExecution',
      'nodeSelectorTerms',
    ]);
    const terms = isSeq(termsNode)
      ? termsNode.items.map((t) => requirementsAt(resolve(getPair(resolve(t, doc), 'matchExpressions')?.value, doc), ctx.obj))
      : [];
    const selectorAuto = pairs(nodeSelector).some((p) => keyString(p) === COMPUTE_TYPE && scalarString(resolve(p.value, doc)) === 'auto');
    const termAuto = (t: Requirement[]) =>
      t.some((r) => r.key === COMPUTE_TYPE && r.operator === 'In' && r.values.length > 0 && r.values.every((v) => v === 'auto'));
    const wrong: { node: Node; key: string }[] = [];
    if (selectorAuto || (terms.length > 0 && terms.every(termAuto))) {
      for (const p of pairs(nodeSelector)) {
        const k = keyString(p);
        if (k?.startsWith('karpenter.k8s.aws/')) wrong.push({ node: p.key as Node, key: k });
      }
    }
    for (const t of terms) {
      if (!selectorAuto && !termAuto(t)) continue;
      for (const r of t)
        if (r.key?.startsWith('karpenter.k8s.aws/') && r.keyNode && r.operator && POSITIVE.has(r.operator))
          wrong.push({ node: r.keyNode, key: r.key });
    }
    for (const w of wrong) {
      const repl = autoModeReplacement(w.key);
      ctx.report(
        'pod-auto-mode-karpenter-label',
        w.node,
        `These Pods ask for EKS Auto Mode nodes (${COMPUTE_TYPE}: auto) but require ${w.key}, a self-managed Karpenter label Auto Mode nodes never carry: they stay Pending. ${repl ? `Use ${repl}.` : 'Auto Mode has no such label.'}`,
        { fixes: repl ? replaceFix(`Use ${repl}`, w.node, ctx.obj, repl) : [] },
      );
    }
  },
};

const DO_NOT_DISRUPT = 'karpenter.sh/do-not-disrupt';

/**
 * karpenter.sh/do-not-disrupt: Karpenter reads it on Pods ("true" or a positive Go duration; anything else is
 * ignored) and on Nodes ("true" only, pkg/controllers/state/statenode.go). On a workload's own metadata it does
 * nothing: it belongs on the Pod template.
 */
export const doNotDisruptCheck: Check = {
  id: 'nodepool.doNotDisrupt',
  scope: 'local',
  appliesTo: (o) => podTemplatePath(o) !== undefined || isNodePoolV1(o),
  run(ctx) {
    const { obj } = ctx;
    const annotation = (path: NodePath) => getPair(obj.node(path), DO_NOT_DISRUPT);
    if (isNodePoolV1(obj)) {
      const p = annotation(['spec', 'template', 'metadata', 'annotations']);
      const v = scalarString(resolve(p?.value, obj.doc));
      if (p && v !== undefined && v !== 'true' && !isUnknownText(v))
        ctx.report(
          'do-not-disrupt-value',
          p.value as Node,
          `On nodes Karpenter honours ${DO_NOT_DISRUPT} only with the value "true"; "${v}" is ignored (durations work on Pods only).`,
        );
      return;
    }
    const tpl = podTemplatePath(obj)!;
    if (tpl.length > 0) {
      const own = annotation(['metadata', 'annotations']);
      if (own)
        ctx.report(
          'do-not-disrupt-misplaced',
          own.key as Node,
          `Karpenter reads ${DO_NOT_DISRUPT} from Pods, not from the ${obj.kind}: here it is ignored and the Pods can be disrupted. Put it under ${[...tpl, 'metadata', 'annotations'].join('.')}.`,
        );
    }
    const p = annotation([...tpl, 'metadata', 'annotations']);
    const v = scalarString(resolve(p?.value, obj.doc));
    if (p && v !== undefined && v !== 'true' && !isUnknownText(v) && !isPositiveGoDuration(v)) {
      ctx.report(
        'do-not-disrupt-value',
        p.value as Node,
        `${DO_NOT_DISRUPT} "${v}" is neither "true" nor a positive duration (e.g. "30m", "2h"); Karpenter ignores it and the Pods can be disrupted.`,
      );
    }
  },
};
