/**
 * Local checks of EBS storage classes: each parameter the way the driver parses it (kubernetes-sigs/aws-ebs-csi-driver
 * pkg/driver/controller.go CreateVolume and CreateSnapshot, controller_modify_volume.go parseModifyVolumeParameters,
 * pkg/cloud/cloud.go CreateDisk), the provisioner name, the binding mode and the topology keys.
 */
import { isScalar, isSeq, type Node } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import type { Fix } from '../diagnostics/types';
import { closest, editDistance, type Catalog } from '../catalog/types';
import { keyString, nodeRange, pairs, resolve, scalarString } from '@shared/manifest/yamlNodes';
import { MASK_CHAR, isUnknownNode, isUnknownText } from '@shared/manifest/templates';
import { insertSiblingLineFix, replaceScalarFix } from '../model/edits';
import {
  AUTO_MODE_EBS,
  EBS_CSI,
  FS_UNSUPPORTED,
  GP3_THROUGHPUT,
  HELM_ROOT_FIELDS,
  IN_TREE_EBS,
  IOPS_LIMITS,
  PROVISIONER_RESERVED,
  PV_TEMPLATE_FIELDS,
  SNAPSHOT_CLASS_PARAMS,
  SNAPSHOT_TEMPLATE_FIELDS,
  SNAPSHOTTER_RESERVED,
  STORAGE_CLASS_PARAMS,
  TOPOLOGY_KEYS,
  VAC_INTERNAL,
  VAC_PARAMS,
  VOLUME_TYPES,
  findParam,
  type EbsParam,
} from './catalog';
import {
  driverField,
  ebsDriverOf,
  hasTemplateLines,
  isStorageClass,
  isStorageObject,
  isVolumeAttributesClass,
  isVolumeSnapshotClass,
  paramsOf,
  type Param,
} from './model';

const INT32 = 2147483647;

interface ClassView {
  catalog: Catalog<EbsParam>;
  /** What the driver calls the operation, for messages. */
  op: string;
  caseSensitive: boolean;
  reserved: Set<string>;
  internal: Set<string>;
  templateFields: string[];
}

function viewOf(ctx: CheckContext): ClassView | undefined {
  const o = ctx.obj;
  if (isStorageClass(o))
    return {
      catalog: STORAGE_CLASS_PARAMS,
      op: 'CreateVolume',
      caseSensitive: false,
      reserved: PROVISIONER_RESERVED,
      internal: new Set(),
      templateFields: PV_TEMPLATE_FIELDS,
    };
  if (isVolumeAttributesClass(o))
    return {
      catalog: VAC_PARAMS,
      op: 'ControllerModifyVolume',
      caseSensitive: true,
      reserved: new Set(),
      internal: VAC_INTERNAL,
      templateFields: PV_TEMPLATE_FIELDS,
    };
  if (isVolumeSnapshotClass(o))
    return {
      catalog: SNAPSHOT_CLASS_PARAMS,
      op: 'CreateSnapshot',
      caseSensitive: false,
      reserved: SNAPSHOTTER_RESERVED,
      internal: new Set(),
      templateFields: SNAPSHOT_TEMPLATE_FIELDS,
    };
  return undefined;
}

/** The key a misspelt parameter most likely meant. */
function suggestKey(key: string, view: ClassView): string | undefined {
  const lower = key.toLowerCase();
  for (const e of view.catalog.entries) {
    if (e.prefix) {
      const p = e.name.replace(/_$/, '');
      if (lower.startsWith(p.toLowerCase()) && !key.startsWith(p)) return p + key.slice(p.length);
      continue;
    }
    if (e.name.toLowerCase() === lower && e.name !== key) return e.name;
  }
  const names = view.catalog.entries.filter((e) => !e.prefix && !e.deprecated).map((e) => e.name);
  return closest(key, names, 1)[0];
}

// ───────────────────────────── values ─────────────────────────────

const TRUTHY = /^(true|yes|y|on|1|t|enabled?)$/i;

function checkBoolean(ctx: CheckContext, p: Param, e: EbsParam): void {
  const v = p.value!;
  if (v === 'true' || v === 'false') return;
  const meantTrue = TRUTHY.test(v.trim());
  const fix = replaceScalarFix(
    ctx.obj.chunk.text,
    p.valueNode,
    meantTrue ? 'true' : 'false',
    `Change to "${meantTrue ? 'true' : 'false'}"`,
  );
  ctx.report(
    'ebs-boolean-value',
    p.valueNode,
    meantTrue
      ? `${e.name}: "${v}" means false to the EBS CSI driver — only the exact string "true" counts as true (pkg/driver/controller.go isTrue), so this setting is silently off. Write "true".`
      : `${e.name}: "${v}" reads as false (only the exact string "true" counts as true); write "false" to say so.`,
    { severity: meantTrue ? 'warning' : 'info', fixes: fix ? [fix] : undefined },
  );
}

const KMS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;
const KMS_ID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32}|alias\/[A-Za-z0-9/_-]+)$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function checkFormat(ctx: CheckContext, p: Param, e: EbsParam, view: ClassView): void {
  const v = p.value!;
  const bad = (msg: string, fixes?: Fix[]) => ctx.report('ebs-parameter-value', p.valueNode, msg, { fixes });
  switch (e.format) {
    case 'int32':
      if (!/^[+-]?\d+$/.test(v) || Math.abs(Number(v)) > INT32)
        bad(
          `${e.name} must be a whole number written in digits, got "${v}": the driver cannot parse it and ${view.op} fails ("Could not parse ${e.name}")`,
        );
      return;
    case 'alnum':
      if (!/^[a-zA-Z0-9]*$/.test(v))
        bad(`${e.name} may hold only letters and digits, got "${v}": the driver refuses it and CreateVolume fails`);
      return;
    case 'kmsKey':
      if (!KMS_ARN.test(v) && !KMS_ID.test(v))
        ctx.report(
          'ebs-kms-key',
          p.valueNode,
          `kmsKeyId "${v}" is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), key ID, alias name or alias ARN: EC2 accepts the request and the volume then fails to be created`,
        );
      return;
    case 'arn':
      if (!/^arn:[^:]*:[^:]*:[^:]*:[^:]*:.+/.test(v))
        bad(`${e.name} "${v}" is not an ARN: the driver fails the snapshot ("is not a valid arn")`);
      return;
    case 'rfc3339':
      if (!RFC3339.test(v))
        bad(`${e.name} must be an RFC 3339 time such as 2030-01-01T00:00:00Z, got "${v}": the driver fails the snapshot`);
      return;
    case 'tagKey':
      if (reservedTag(v))
        ctx.report(
          'ebs-tag-specification',
          p.valueNode,
          `"${v}" is a tag key the driver reserves for itself (${reservedTag(v)}): it refuses to delete it and the modification fails`,
        );
      return;
    default:
      break;
  }
  if (e.type === 'enum' && e.values) {
    const allowed = e.values.map((x) => x.value);
    if (allowed.includes(v)) return;
    const ci = allowed.find((a) => a.toLowerCase() === v.toLowerCase().trim());
    const fix = ci ? replaceScalarFix(ctx.obj.chunk.text, p.valueNode, ci, `Change to "${ci}"`) : undefined;
    const fstype = e.name === 'csi.storage.k8s.io/fstype';
    ctx.report(
      'ebs-parameter-value',
      p.valueNode,
      `${e.name} "${v}" is not one of ${allowed.join(', ')}${ci ? ` (values are lower case: "${ci}")` : ''}: ${fstype ? 'the node cannot format the volume and the Pod never starts' : e.name === 'lockMode' ? 'EC2 refuses to lock the snapshot, which the driver then deletes' : 'EC2 refuses to create the volume'}`,
      { severity: fstype ? 'warning' : undefined, fixes: fix ? [fix] : undefined },
    );
  }
}

/** Why a tag key is reserved by the driver (pkg/driver/validation.go validateExtraTags), or undefined. */
function reservedTag(key: string): string | undefined {
  if (key === 'CSIVolumeName' || key === 'CSIVolumeSnapshotName' || key === 'ebs.csi.aws.com/cluster-name') return 'reserved key';
  if (key.startsWith('kubernetes.io')) return 'prefix kubernetes.io';
  if (key.startsWith(`${EBS_CSI}/`)) return `prefix ${EBS_CSI}/`;
  return undefined;
}

/** Go template actions `{{ … }}` in a value: their text and offsets in the value. */
function actions(v: string): { start: number; end: number; body: string }[] {
  const out: { start: number; end: number; body: string }[] = [];
  const re = /\{\{-?([^}]*(?:\}(?!\})[^}]*)*)-?\}\}/g;
  for (let m = re.exec(v); m && out.length < 50; m = re.exec(v)) out.push({ start: m.index, end: m.index + m[0].length, body: m[1] });
  return out;
}

/** `.Field` references in an action body (not `.A.B` chains, not `$x.Field`). */
function fieldsOf(body: string): string[] {
  const out: string[] = [];
  const re = /(^|[\s(|])\.([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_.])/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out.push(m[2]);
  return out;
}

/** Helm's own actions (`.Values.x`, `include`, …) in a value: then it is Helm's template, not the driver's. */
function isHelmAction(body: string): boolean {
  const root = /(^|[\s(|])\.([A-Za-z_][A-Za-z0-9_]*)\./.exec(body);
  if (root && HELM_ROOT_FIELDS.has(root[2])) return true;
  return /\b(include|tpl|required|default|quote|toYaml|printf|template)\b/.test(body) || /\$\w*/.test(body) || /"\{\{|`\{\{/.test(body);
}

/**
 * The text of a string scalar as the driver will see it. The driver's own templates (`{{ .PVCName }}`) look
 * like template actions to the rest of the pipeline; when they were masked before parsing, read the source.
 */
function rawValue(ctx: CheckContext, node: Node | undefined): string | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  if (!node.value.includes(MASK_CHAR)) return node.value;
  const r = nodeRange(node);
  if (!r || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return undefined;
  const at = ctx.obj.chunk.startOffset;
  const src = ctx.file.text.slice(at + r[0], at + r[1]);
  return /^(["']).*\1$/s.test(src) ? src.slice(1, -1) : src;
}

function checkTag(ctx: CheckContext, p: Param, view: ClassView): void {
  const v = rawValue(ctx, p.valueNode);
  if (v === undefined || v.includes('\n')) return;
  const acts = actions(v);
  if (acts.some((a) => isHelmAction(a.body))) return;
  let plain = v;
  for (const a of [...acts].reverse()) plain = plain.slice(0, a.start) + 'x'.repeat(Math.max(1, a.end - a.start)) + plain.slice(a.end);
  if (isUnknownText(plain)) return;
  for (const a of acts) {
    for (const f of fieldsOf(a.body)) {
      if (view.templateFields.includes(f)) continue;
      const guess = closest(f, view.templateFields, 1)[0];
      ctx.report(
        'ebs-tag-specification',
        p.valueNode,
        `{{ .${f} }} is not a field the driver fills in (it has ${view.templateFields.map((x) => `.${x}`).join(', ')})${guess ? `; did you mean .${guess}?` : ''}: the template fails and so does ${view.op}`,
      );
      return;
    }
  }
  const eq = v.indexOf('=');
  const keyText = eq >= 0 ? v.slice(0, eq) : '';
  if (eq < 0 || acts.some((a) => a.start < eq && eq < a.end)) {
    if (eq < 0)
      ctx.report(
        'ebs-tag-specification',
        p.valueNode,
        `${p.key} must be key=value (key= for an empty value), got "${v}": the driver fails ${view.op} ("the key-value pair doesn't contain a value")`,
      );
    return;
  }
  const why = acts.some((a) => a.start < eq) ? undefined : reservedTag(keyText);
  if (why)
    ctx.report(
      'ebs-tag-specification',
      p.valueNode,
      `Tag key "${keyText}" is reserved by the driver (${why}): ${view.op} fails ("Invalid tag value")`,
    );
}

// ───────────────────────────── the parameter check ─────────────────────────────

export const storageParametersCheck: Check = {
  id: 'storage.parameters',
  scope: 'local',
  appliesTo: isStorageObject,
  run(ctx) {
    const drv = ebsDriverOf(ctx.obj);
    if (drv.kind !== 'ebs' && drv.kind !== 'auto') return;
    const view = viewOf(ctx);
    if (!view) return;
    const auto = drv.kind === 'auto';
    const params = paramsOf(ctx.obj);
    const known = new Map<string, Param>();
    for (const p of params) {
      const entry = classify(ctx, p, view, auto);
      if (!entry) continue;
      known.set(entry.prefix ? p.key : entry.name, p);
      if (entry.format === 'tag') {
        if (p.isString) checkTag(ctx, p, view);
        continue;
      }
      if (p.unknown || p.value === undefined) continue;
      if (entry.deprecated) reportLegacy(ctx, p, entry, params);
      if (entry.name === 'fstype') {
        const fs = findParam(view.catalog, 'csi.storage.k8s.io/fstype');
        if (fs) checkFormat(ctx, p, fs, view);
        continue;
      }
      if (entry.type === 'boolean' && !entry.deprecated) checkBoolean(ctx, p, entry);
      else checkFormat(ctx, p, entry, view);
    }
    if (isStorageClass(ctx.obj)) crossChecks(ctx, known);
  },
};

/** The catalog entry of a parameter, or undefined after reporting it as unknown (or when it is not ours to judge). */
function classify(ctx: CheckContext, p: Param, view: ClassView, auto: boolean): EbsParam | undefined {
  const key = p.key;
  if (view.internal.has(view.caseSensitive ? key : key.toLowerCase())) return undefined;
  if (key.startsWith('csi.storage.k8s.io/')) {
    if (key === 'csi.storage.k8s.io/fstype' && isStorageClass(ctx.obj)) return findParam(view.catalog, key);
    if (view.reserved.has(key)) return undefined;
    if (isVolumeAttributesClass(ctx.obj)) return undefined;
    const sidecar = isVolumeSnapshotClass(ctx.obj) ? 'external-snapshotter' : 'external-provisioner';
    ctx.report(
      'ebs-unknown-parameter',
      p.keyNode,
      `${key}: the ${sidecar} sidecar refuses any csi.storage.k8s.io/ key other than ${isStorageClass(ctx.obj) ? 'fstype and the secret names' : 'the secret names'} ("found unknown parameter key … with reserved namespace"); keys such as csi.storage.k8s.io/pvc/name are set by the sidecar itself`,
      { severity: auto ? 'warning' : undefined },
    );
    return undefined;
  }
  const entry = findParam(view.catalog, key);
  if (entry) return entry;
  const guess = suggestKey(key, view);
  const fix = guess ? replaceScalarFix(ctx.obj.chunk.text, p.keyNode, guess, `Rename to ${guess}`) : undefined;
  const what = isStorageClass(ctx.obj)
    ? 'StorageClass'
    : isVolumeAttributesClass(ctx.obj)
      ? 'VolumeAttributesClass'
      : 'VolumeSnapshotClass';
  const err = isVolumeAttributesClass(ctx.obj) ? 'Invalid mutable parameter key' : `Invalid parameter key ${key} for ${view.op}`;
  ctx.report(
    'ebs-unknown-parameter',
    p.keyNode,
    `Unknown ${what} parameter "${key}"${guess ? ` — did you mean "${guess}"?` : ''} The API server accepts it, but ${auto ? "EKS Auto Mode's block storage does not document it and will likely refuse it" : `the EBS CSI driver refuses it and ${view.op} fails ("${err}")`}${view.caseSensitive && guess && guess.toLowerCase() === key.toLowerCase() ? '; VolumeAttributesClass keys are matched case-sensitively' : ''}.`,
    { severity: auto ? 'warning' : undefined, fixes: fix ? [fix] : undefined },
  );
  return undefined;
}

function reportLegacy(ctx: CheckContext, p: Param, e: EbsParam, params: Param[]): void {
  if (e.name === 'fstype') {
    // external-provisioner Provision: the legacy key is read case-insensitively, with a deprecation warning;
    // both keys together fail the provisioning.
    const both = params.find((x) => x.key === 'csi.storage.k8s.io/fstype');
    if (both) {
      ctx.report(
        'ebs-legacy-parameter',
        p.keyNode,
        `"${p.key}" and csi.storage.k8s.io/fstype are both set: the external-provisioner refuses the class ("fstype specified in parameters with both"), so no volume is created. Remove "${p.key}".`,
        { severity: 'error', related: relatedParam(ctx, both, 'csi.storage.k8s.io/fstype is set here') },
      );
      return;
    }
    const fix = replaceScalarFix(ctx.obj.chunk.text, p.keyNode, 'csi.storage.k8s.io/fstype', 'Rename to csi.storage.k8s.io/fstype');
    ctx.report(
      'ebs-legacy-parameter',
      p.keyNode,
      `"${p.key}" is the deprecated spelling of csi.storage.k8s.io/fstype: it still works (the external-provisioner reads it and logs a deprecation warning), but use the current key.`,
      { severity: 'info', fixes: fix ? [fix] : undefined, tags: ['deprecated'] },
    );
    return;
  }
  if (e.name === 'volumeType') {
    const has = params.some((x) => x.key === 'type');
    ctx.report(
      'ebs-legacy-parameter',
      p.keyNode,
      has
        ? '"volumeType" is ignored because "type" is also set; remove it.'
        : '"volumeType" is the deprecated key of a VolumeAttributesClass; use "type".',
      {
        tags: ['deprecated'],
        fixes: has ? undefined : [replaceScalarFix(ctx.obj.chunk.text, p.keyNode, 'type', 'Rename to type')!].filter(Boolean),
      },
    );
    return;
  }
  ctx.report('ebs-legacy-parameter', p.keyNode, `"${p.key}" has no effect: ${e.noEffect ?? e.deprecated}`, { tags: ['unnecessary'] });
}

function num(p: Param | undefined): number | undefined {
  const v = p?.value;
  return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

function crossChecks(ctx: CheckContext, known: Map<string, Param>): void {
  const typeP = known.get('type');
  const iopsP = known.get('iops');
  const perGbP = known.get('iopsPerGB');
  const thrP = known.get('throughput');
  if (iopsP && perGbP) {
    ctx.report(
      'ebs-iops-conflict',
      perGbP.keyNode,
      'iops and iopsPerGB are both set: the driver refuses to create the volume ("specify either IOPS or IOPSPerGb, not both"). Keep one.',
      { related: relatedParam(ctx, iopsP, 'iops is set here') },
    );
  }
  // The volume type: gp3 when unset (pkg/cloud/cloud.go CreateDisk); unknown when templated or invalid.
  let type: string | undefined = 'gp3';
  if (typeP) type = typeP.value !== undefined && VOLUME_TYPES.some((t) => t.value === typeP.value) ? typeP.value : undefined;
  if (type) {
    const where = typeP ? `type ${type}` : 'the default type gp3';
    for (const p of [iopsP, perGbP]) {
      if (!p || IOPS_LIMITS[type]) continue;
      ctx.report(
        'ebs-type-parameter',
        p.keyNode,
        `${p.key} does not apply to ${where}: EC2 offers provisioned IOPS only for io1, io2 and gp3 and refuses to create the volume. Remove it or use one of those types.`,
        { related: typeP ? relatedParam(ctx, typeP, `type: ${type}`) : undefined },
      );
    }
    if (thrP && type !== 'gp3') {
      ctx.report(
        'ebs-type-parameter',
        thrP.keyNode,
        `throughput applies only to gp3 volumes, not to ${type}: EC2 refuses to create the volume. Remove it or use type gp3.`,
        { related: typeP ? relatedParam(ctx, typeP, `type: ${type}`) : undefined },
      );
    }
    const lim = IOPS_LIMITS[type];
    const iops = num(iopsP);
    const autoIncrease = known.get('allowAutoIOPSPerGBIncrease')?.value === 'true';
    if (lim && iops !== undefined && iopsP) {
      if (iops < lim.min && !autoIncrease)
        ctx.report(
          'ebs-parameter-range',
          iopsP.valueNode,
          `iops ${iops} is below the ${type} minimum of ${lim.min}: provisioning fails (set allowAutoIOPSPerGBIncrease: "true" to have the driver raise it, or raise iops).`,
        );
      else if (iops > lim.max)
        ctx.report(
          'ebs-parameter-range',
          iopsP.valueNode,
          `iops ${iops} is above the ${type} maximum of ${lim.max}: the driver lowers it to the maximum.`,
          { severity: 'info' },
        );
    }
    const perGb = num(perGbP);
    if (lim && perGb !== undefined && perGbP && perGb > lim.perGiB) {
      ctx.report(
        'ebs-parameter-range',
        perGbP.valueNode,
        `iopsPerGB ${perGb} is above the ${type} maximum of ${lim.perGiB} IOPS per GiB: the driver caps the volume's IOPS.`,
        { severity: 'info' },
      );
    }
    const thr = num(thrP);
    if (thrP && thr !== undefined && type === 'gp3' && (thr < GP3_THROUGHPUT.min || thr > GP3_THROUGHPUT.max)) {
      ctx.report(
        'ebs-parameter-range',
        thrP.valueNode,
        `throughput ${thr} MiB/s is outside the gp3 range ${GP3_THROUGHPUT.min}–${GP3_THROUGHPUT.max}: EC2 refuses to create the volume.`,
      );
    }
  }
  // File-system specific formatting options (pkg/driver/constants.go FileSystemConfigs; controller.go validateFormattingOption).
  const fsP = known.get('csi.storage.k8s.io/fstype') ?? known.get('fstype');
  const fs = fsP?.value;
  if (fs && FS_UNSUPPORTED[fs]) {
    for (const name of FS_UNSUPPORTED[fs]) {
      const p = known.get(name);
      if (!p || p.value === undefined || p.value === '') continue;
      if ((name === 'ext4BigAlloc' || name === 'ext4EncryptionSupport') && p.value !== 'true') continue;
      ctx.report(
        'ebs-fs-parameter',
        p.keyNode,
        `${name} cannot be used with fstype ${fs}: CreateVolume fails ("Cannot use ${name.toLowerCase()} with fstype ${fs}").`,
        { related: relatedParam(ctx, fsP!, `${fsP!.key}: ${fs}`) },
      );
    }
  }
  const cluster = known.get('ext4ClusterSize');
  if (cluster && cluster.value && known.get('ext4BigAlloc')?.value !== 'true' && !known.get('ext4BigAlloc')?.unknown) {
    ctx.report(
      'ebs-fs-parameter',
      cluster.keyNode,
      'ext4ClusterSize needs ext4BigAlloc: "true": CreateVolume fails ("Cannot set ext4BigAllocClusterSize when ext4BigAlloc is false").',
    );
  }
}

function relatedParam(ctx: CheckContext, p: Param, message: string) {
  const r = nodeRange(p.keyNode) ?? [0, 0];
  return [{ uri: ctx.obj.uri, chunk: ctx.obj.chunk, start: r[0], end: r[1], message }];
}

// ───────────────────────────── provisioner, binding mode, topology ─────────────────────────────

const NAMES = [EBS_CSI, AUTO_MODE_EBS, IN_TREE_EBS];

export const storageProvisionerCheck: Check = {
  id: 'storage.provisioner',
  scope: 'local',
  appliesTo: isStorageObject,
  run(ctx) {
    const f = driverField(ctx.obj);
    const drv = ebsDriverOf(ctx.obj);
    if (!f || !drv.node) return;
    if (drv.kind === 'in-tree') {
      if (isStorageClass(ctx.obj)) {
        ctx.report(
          'ebs-in-tree-provisioner',
          drv.node,
          `kubernetes.io/aws-ebs is the in-tree EBS plugin: EKS translates it to the EBS CSI driver (CSI migration, Kubernetes 1.23+), so claims stay Pending on clusters without that driver, and EKS Auto Mode nodes cannot attach its volumes. New classes should use ${EBS_CSI} (or ${AUTO_MODE_EBS} on Auto Mode).`,
        );
      } else {
        const fix = replaceScalarFix(ctx.obj.chunk.text, drv.node, EBS_CSI, `Change to ${EBS_CSI}`);
        ctx.report(
          'ebs-provisioner-typo',
          drv.node,
          `${f} ${IN_TREE_EBS} is not a CSI driver: ${isVolumeSnapshotClass(ctx.obj) ? 'snapshots' : 'modifications'} of EBS volumes go through ${EBS_CSI} (or ${AUTO_MODE_EBS} on Auto Mode), so nothing acts on this class.`,
          { fixes: fix ? [fix] : undefined },
        );
      }
      return;
    }
    const v = drv.value;
    if (drv.kind || v === undefined || !/ebs/i.test(v)) return; // other drivers (efs.csi.aws.com, …) are not ours
    const candidates = isStorageClass(ctx.obj) ? NAMES : [EBS_CSI, AUTO_MODE_EBS];
    const best = candidates.map((n) => [n, editDistance(v.toLowerCase(), n)] as const).sort((a, b) => a[1] - b[1])[0];
    if (!best || best[1] > 4) return;
    const fix = replaceScalarFix(ctx.obj.chunk.text, drv.node, best[0], `Change to ${best[0]}`);
    ctx.report(
      'ebs-provisioner-typo',
      drv.node,
      `${f} "${v}" is not a driver name — did you mean ${best[0]}? No provisioner serves "${v}", so claims of this class stay Pending ("waiting for a volume to be created by external provisioner").`,
      { fixes: fix ? [fix] : undefined },
    );
  },
};

/** Whether allowedTopologies pins the class to exactly one zone (then Immediate binding is harmless). */
function singleZone(ctx: CheckContext): boolean {
  const terms = ctx.obj.node(['allowedTopologies']);
  if (!isSeq(terms) || terms.items.length !== 1) return false;
  const exprs = resolve(
    pairs(resolve(terms.items[0], ctx.obj.doc)).find((p) => keyString(p) === 'matchLabelExpressions')?.value,
    ctx.obj.doc,
  );
  if (!isSeq(exprs)) return false;
  return exprs.items.some((x) => {
    const m = resolve(x, ctx.obj.doc);
    const key = scalarString(resolve(pairs(m).find((p) => keyString(p) === 'key')?.value, ctx.obj.doc));
    const values = resolve(pairs(m).find((p) => keyString(p) === 'values')?.value, ctx.obj.doc);
    return !!key && /zone/.test(key) && isSeq(values) && values.items.length === 1;
  });
}

export const storageBindingCheck: Check = {
  id: 'storage.binding',
  scope: 'local',
  appliesTo: isStorageClass,
  run(ctx) {
    const drv = ebsDriverOf(ctx.obj);
    if (!drv.kind) return;
    const modeNode = ctx.obj.node(['volumeBindingMode']);
    if (isUnknownNode(modeNode)) return;
    const mode = scalarString(modeNode);
    if (mode === 'WaitForFirstConsumer') return;
    if (mode !== undefined && mode !== 'Immediate') return; // an invalid value: the schema's finding
    if (mode === undefined && (ctx.obj.isOpen(ctx.obj.root) || hasTemplateLines(ctx.obj))) return;
    if (singleZone(ctx)) return;
    const msg = `${mode === undefined ? 'No volumeBindingMode, so the default Immediate applies' : 'volumeBindingMode Immediate'}: EBS volumes live in one Availability Zone and are created before the Pod is scheduled, in any zone — the Pod can then fail to schedule ("volume node affinity conflict"), especially with several claims. Use WaitForFirstConsumer so the volume is created in the zone of the Pod's node.`;
    let fix: Fix | undefined;
    if (modeNode)
      fix = replaceScalarFix(ctx.obj.chunk.text, modeNode, 'WaitForFirstConsumer', 'Set volumeBindingMode: WaitForFirstConsumer');
    else {
      const pair = pairs(ctx.obj.root).find((p) => keyString(p) === 'provisioner');
      fix = pair
        ? insertSiblingLineFix(
            ctx.obj.chunk.text,
            pair.key as Node,
            'volumeBindingMode: WaitForFirstConsumer',
            'Add volumeBindingMode: WaitForFirstConsumer',
            pair.value as Node,
          )
        : undefined;
    }
    ctx.report('ebs-immediate-binding', modeNode ?? drv.node, msg, { fixes: fix ? [fix] : undefined });
  },
};

export const storageTopologyCheck: Check = {
  id: 'storage.topology',
  scope: 'local',
  appliesTo: isStorageClass,
  run(ctx) {
    const drv = ebsDriverOf(ctx.obj);
    if (drv.kind !== 'ebs' && drv.kind !== 'auto') return; // the in-tree translation maps the old keys itself
    const terms = ctx.obj.node(['allowedTopologies']);
    if (!isSeq(terms)) return;
    const keys = TOPOLOGY_KEYS.map((k) => k.value);
    for (const t of terms.items.slice(0, 50)) {
      const exprs = resolve(pairs(resolve(t, ctx.obj.doc)).find((p) => keyString(p) === 'matchLabelExpressions')?.value, ctx.obj.doc);
      if (!isSeq(exprs)) continue;
      for (const x of exprs.items.slice(0, 50)) {
        const keyNode = resolve(pairs(resolve(x, ctx.obj.doc)).find((p) => keyString(p) === 'key')?.value, ctx.obj.doc);
        const key = scalarString(keyNode);
        if (!key || isUnknownNode(keyNode) || keys.includes(key)) continue;
        const legacy = key.startsWith('failure-domain.beta.kubernetes.io/');
        if (drv.kind === 'auto' && !legacy) continue; // Auto Mode's own keys are not published
        const instead = legacy || /zone/.test(key) ? 'topology.kubernetes.io/zone' : closest(key, keys, 1)[0];
        const fix = instead ? replaceScalarFix(ctx.obj.chunk.text, keyNode, instead, `Change to ${instead}`) : undefined;
        ctx.report(
          'ebs-topology-key',
          keyNode,
          `The EBS CSI driver does not use the topology key "${key}"${legacy ? ' (the old beta zone label)' : ''}: it reports and reads ${keys.slice(0, 3).join(', ')} (and the Outpost keys), so this restriction is not honoured as written${instead ? `; use ${instead}` : ''}.`,
          { fixes: fix ? [fix] : undefined },
        );
      }
    }
  },
};

export const STORAGE_LOCAL_CHECKS: Check[] = [storageParametersCheck, storageProvisionerCheck, storageBindingCheck, storageTopologyCheck];
