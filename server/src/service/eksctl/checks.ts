/**
 * Checks of an eksctl ClusterConfig: the strict schema (schema.ts), the unquoted version, and the cross-field
 * rules eksctl enforces. Sources (eksctl-io/eksctl):
 * - `pkg/eks/api.go` ParseConfig (strict loading), `pkg/apis/eksctl.io/v1alpha5/auto_mode.go`
 *   ValidateAutoModeConfig, `validation.go` ValidateClusterConfig / validateNodeGroupName,
 *   `defaults.go` Set(Managed)NodeGroupDefaults (AmazonLinux2EOLVersion, types.go), `addon.go` Addon.Validate,
 *   `known_addons.go` HasDefaultNonAutoAddon;
 * - `pkg/ctl/cmdutils/configfile.go` NewCreateClusterLoader (rules of `eksctl create cluster` only: those are
 *   warnings, because the same file is also used with `eksctl create nodegroup` and friends).
 */
import { isMap, isScalar, type Node, type Scalar } from 'yaml';
import type { Check, CheckContext } from '../checks/types';
import type { Fix } from '../diagnostics/types';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { isUnknownNode, knownString } from '@shared/manifest/templates';
import { compareVersions } from '../settings';
import { validateClusterConfig } from './schema';
import {
  addons,
  autoModeEnabled,
  clusterVersionText,
  field,
  fieldKey,
  isClusterConfig,
  isNonEmpty,
  isSet,
  nodeGroups,
  seqItems,
  yaml11Bool,
  yaml11Type,
  type AddonRef,
} from './model';
import type { K8sObject } from '@shared/manifest/k8sObject';

/** Kubernetes version from which eksctl rejects AmazonLinux2 (types.go AmazonLinux2EOLVersion). */
export const AL2_EOL_VERSION = '1.33';
/** eksctl's default cluster version (types.go DefaultVersion) at the pinned commit. */
export const EKSCTL_DEFAULT_VERSION = '1.34';
/** Auto Mode built-in node pools (auto_mode.go AutoModeKnownNodePools). */
export const AUTO_MODE_NODE_POOLS = ['general-purpose', 'system'];
/** Default networking add-ons that are not defaults on Auto Mode (known_addons.go). */
export const DEFAULT_NON_AUTO_ADDONS = ['vpc-cni', 'kube-proxy', 'coredns'];
export const POD_IDENTITY_AGENT = 'eks-pod-identity-agent';
/** Required-by-schema fields eksctl does not require (validation.go validateRemoteNetworkingConfig). */
const NOT_REALLY_REQUIRED = new Set(['remoteNetworkConfig is missing "vpcGatewayID"']);

const SCHEMA_CODE = {
  'unknown-field': 'eksctl-unknown-field',
  'field-case': 'eksctl-field-case',
  type: 'eksctl-type',
  enum: 'eksctl-enum',
  required: 'eksctl-required',
} as const;

/** A quick fix that puts a plain scalar's text in double quotes (only that scalar changes). */
export function quoteFix(node: Node, title = 'Quote the value'): Fix[] {
  const r = nodeRange(node);
  const src = isScalar(node) ? (node as Scalar).source : undefined;
  if (!r || typeof src !== 'string' || (node as Scalar).type !== 'PLAIN') return [];
  return [{ title, edits: [{ start: r[0], end: r[1], newText: JSON.stringify(src) }], preferred: true }];
}

/** The unquoted metadata.version node when YAML reads it as a number. */
function unquotedVersion(o: K8sObject): Node | undefined {
  const n = o.node(['metadata', 'version']);
  if (!isScalar(n) || isUnknownNode(n)) return undefined;
  const t = yaml11Type(n);
  return t === 'int' || t === 'float' ? n : undefined;
}

export const eksctlSchemaCheck: Check = {
  id: 'eksctl.schema',
  scope: 'local',
  appliesTo: isClusterConfig,
  run(ctx) {
    const { obj } = ctx;
    const skip = new Set<Node>();
    const v = unquotedVersion(obj);
    if (v) skip.add(v);
    for (const f of validateClusterConfig(obj.root, obj.doc, skip)) {
      if (f.kind === 'required' && [...NOT_REALLY_REQUIRED].some((s) => f.message.includes(s))) continue;
      if (f.kind === 'enum' && isScalar(f.at) && enumMatchesIgnoringCase(f.message, String((f.at as Scalar).value))) continue;
      const fixes = f.kind === 'type' && /quote it/.test(f.message) ? quoteFix(f.at) : undefined;
      ctx.report(SCHEMA_CODE[f.kind], f.at, f.message, { fixes });
    }
  },
};

/** eksctl normalises AMI families and some other enums ignoring case (validation.go normalizeAMIFamily). */
function enumMatchesIgnoringCase(message: string, value: string): boolean {
  const m = /must be one of (.*); got "/.exec(message);
  if (!m) return false;
  return m[1].split(', ').some((e) => e.toLowerCase() === value.toLowerCase());
}

export const eksctlVersionCheck: Check = {
  id: 'eksctl.version-quoted',
  scope: 'local',
  appliesTo: isClusterConfig,
  run(ctx) {
    const n = unquotedVersion(ctx.obj);
    if (!n) return;
    const src = String((n as Scalar).source);
    const value = String((n as Scalar).value);
    const reads = value === src ? `the number ${value}` : `the number ${value} (not "${src}")`;
    ctx.report(
      'eksctl-version-unquoted',
      n,
      `metadata.version ${src} is ${reads} to YAML; eksctl expects a string and cannot load the file. Quote it: "${src}"`,
      { fixes: quoteFix(n, `Quote the version: "${src}"`) },
    );
  },
};

const ARN_FIELDS = ['nodeRoleARN', 'permissionsBoundaryARN'] as const;

export const eksctlAutoModeCheck: Check = {
  id: 'eksctl.auto-mode',
  scope: 'local',
  appliesTo: isClusterConfig,
  run(ctx) {
    const { obj } = ctx;
    const amc = obj.node(['autoModeConfig']);
    const enabled = autoModeEnabled(obj);
    if (isMap(amc)) checkAutoModeConfig(ctx, amc, enabled);
    const ngs = nodeGroups(obj);
    if (enabled) {
      for (const key of ['nodeGroups', 'managedNodeGroups']) {
        if (seqItems(obj.node([key]), obj).length === 0) continue;
        ctx.report(
          'eksctl-auto-mode-nodegroups',
          fieldKey(obj.root, key, obj),
          `Auto Mode is enabled, so \`eksctl create cluster\` rejects ${key} in the same file: Auto Mode launches nodes itself. Create node groups after the cluster with \`eksctl create nodegroup\` (once the networking add-ons exist), or remove them.`,
        );
      }
      const hybridOrFargate = seqItems(obj.node(['fargateProfiles']), obj).length > 0 || isSet(obj.root, 'remoteNetworkConfig', obj);
      if (!hybridOrFargate) {
        for (const a of addons(obj)) {
          if (a.name && DEFAULT_NON_AUTO_ADDONS.includes(a.name) && a.nameNode) {
            ctx.report(
              'eksctl-auto-mode-default-addons',
              a.nameNode,
              `Auto Mode runs pod networking, DNS and service proxying itself, so \`eksctl create cluster\` rejects the "${a.name}" add-on here (it is accepted only with Fargate profiles or hybrid nodes). Remove it, or add it after creation with \`eksctl create addon\`.`,
            );
          }
        }
      }
    } else if (amc === undefined && ngs.length > 0) {
      const key = fieldKey(obj.root, ngs[0].managed ? 'managedNodeGroups' : 'nodeGroups', obj);
      ctx.report(
        'eksctl-auto-mode-default-change',
        key,
        "eksctl announced that Auto Mode becomes the default for files without an autoModeConfig section; then no node groups or networking add-ons are created by default. Add `autoModeConfig: {enabled: false}` to keep this file's meaning.",
      );
    }
  },
};

function checkAutoModeConfig(ctx: CheckContext, amc: Node, enabled: boolean): void {
  const { obj } = ctx;
  const pools = field(amc, 'nodePools', obj);
  const poolsSet = pools !== undefined && !(isScalar(pools) && yaml11Type(pools) === 'null');
  const poolItems = seqItems(pools, obj);
  const arnSet = (k: string) => isNonEmpty(amc, k, obj);
  if (enabled) {
    if (isNonEmpty(obj.root, 'outpost', obj) && isNonEmpty(obj.node(['outpost']), 'controlPlaneOutpostARN', obj)) {
      ctx.report(
        'eksctl-auto-mode-config',
        obj.node(['autoModeConfig', 'enabled']),
        'Auto Mode is not supported on Outposts (outpost.controlPlaneOutpostARN is set); eksctl rejects the file.',
      );
    }
    if (!poolsSet) return;
    if (poolItems.length === 0) {
      for (const k of ARN_FIELDS)
        if (arnSet(k))
          ctx.report(
            'eksctl-auto-mode-config',
            fieldKey(amc, k, obj),
            `autoModeConfig.${k} cannot be set when nodePools is empty: without built-in node pools Auto Mode creates no node role. eksctl rejects the file.`,
          );
    }
    if (arnSet('nodeRoleARN') && arnSet('permissionsBoundaryARN')) {
      ctx.report(
        'eksctl-auto-mode-config',
        fieldKey(amc, 'permissionsBoundaryARN', obj),
        'autoModeConfig.permissionsBoundaryARN applies only to the role eksctl creates; it cannot be combined with nodeRoleARN. eksctl rejects the file.',
      );
    }
    const seen = new Set<string>();
    for (const p of poolItems) {
      const name = knownString(p);
      if (name === undefined || isUnknownNode(p)) continue;
      if (seen.has(name)) ctx.report('eksctl-auto-mode-config', p, `Node pool "${name}" is listed twice; eksctl rejects duplicates.`);
      else if (!AUTO_MODE_NODE_POOLS.includes(name))
        ctx.report(
          'eksctl-auto-mode-config',
          p,
          `"${name}" is not a built-in Auto Mode node pool: only general-purpose and system exist (define your own pools as NodePool objects). eksctl rejects the file.`,
        );
      seen.add(name);
    }
    return;
  }
  const offending = [...ARN_FIELDS.filter((k) => arnSet(k)), ...(poolItems.length > 0 ? ['nodePools'] : [])];
  for (const k of offending) {
    ctx.report(
      'eksctl-auto-mode-config',
      fieldKey(amc, k, obj),
      `autoModeConfig.${k} is set but Auto Mode is not enabled; eksctl rejects nodeRoleARN, permissionsBoundaryARN and nodePools unless autoModeConfig.enabled is true.`,
    );
  }
}

const NAME_OK = /^[a-zA-Z0-9-]*$/;

export const eksctlNodeGroupCheck: Check = {
  id: 'eksctl.nodegroups',
  scope: 'local',
  appliesTo: isClusterConfig,
  run(ctx) {
    const { obj } = ctx;
    const version = clusterVersionText(obj);
    const seen = new Map<string, string>();
    for (const ng of nodeGroups(obj)) {
      const nameNode = field(ng.node, 'name', obj);
      const name = knownString(nameNode);
      if (name !== undefined && nameNode) {
        if (!NAME_OK.test(name))
          ctx.report(
            'eksctl-nodegroup-name',
            nameNode,
            `Node group name "${name}" may contain only letters, digits and hyphens; eksctl rejects it.`,
          );
        else if (seen.has(name))
          ctx.report(
            'eksctl-nodegroup-name',
            nameNode,
            `Node group name "${name}" is already used by ${seen.get(name)}; names must be unique across nodeGroups and managedNodeGroups.`,
          );
        else seen.set(name, ng.path);
      }
      const famNode = field(ng.node, 'amiFamily', obj);
      const fam = knownString(famNode);
      if (!famNode || fam === undefined || fam.toLowerCase() !== 'amazonlinux2') continue;
      if (ng.managed && isNonEmpty(ng.node, 'ami', obj)) continue; // custom AMI: eksctl leaves the family alone
      if (version !== undefined && /^\d+\.\d+$/.test(version)) {
        if (compareVersions(version, AL2_EOL_VERSION) >= 0) {
          ctx.report(
            'eksctl-al2-unsupported',
            famNode,
            `${ng.path}: amiFamily AmazonLinux2 is not available for Kubernetes ${version} (EKS publishes no AL2 AMIs from ${AL2_EOL_VERSION}); eksctl rejects the node group. Use AmazonLinux2023 or Bottlerocket.`,
            { fixes: replaceFix(famNode, 'AmazonLinux2023') },
          );
        }
      } else if (version === undefined && !isSet(obj.node(['metadata']), 'version', obj)) {
        ctx.report(
          'eksctl-al2-unsupported',
          famNode,
          `${ng.path}: amiFamily AmazonLinux2 with no metadata.version: eksctl creates clusters at its default version (${EKSCTL_DEFAULT_VERSION}), for which there are no AL2 AMIs, and rejects the node group. Use AmazonLinux2023 or Bottlerocket.`,
          { severity: 'warning', fixes: replaceFix(famNode, 'AmazonLinux2023') },
        );
      }
    }
  },
};

function replaceFix(node: Node, text: string): Fix[] {
  const r = nodeRange(node);
  return r ? [{ title: `Use ${text}`, edits: [{ start: r[0], end: r[1], newText: text }], preferred: true }] : [];
}

/** WellKnownPolicies.HasPolicy: any of its booleans true. */
function hasWellKnown(node: Node | undefined): boolean {
  if (!isMap(node)) return false;
  return node.items.some((p) => yaml11Bool(p.value) === true);
}

interface PolicySources {
  arn: boolean;
  arns: boolean;
  doc: boolean;
  wellKnown: boolean;
}

function addonIrsa(a: AddonRef, obj: K8sObject): PolicySources {
  return {
    arn: isNonEmpty(a.node, 'serviceAccountRoleARN', obj),
    arns: seqItems(field(a.node, 'attachPolicyARNs', obj), obj).length > 0,
    doc: isMap(field(a.node, 'attachPolicy', obj)),
    wellKnown: hasWellKnown(field(a.node, 'wellKnownPolicies', obj)),
  };
}

export const eksctlAddonCheck: Check = {
  id: 'eksctl.addons',
  scope: 'local',
  appliesTo: isClusterConfig,
  run(ctx) {
    const { obj } = ctx;
    for (const a of addons(obj)) {
      const irsa = addonIrsa(a, obj);
      const piaNode = field(a.node, 'podIdentityAssociations', obj);
      const pias = seqItems(piaNode, obj);
      const label = a.name ? `Add-on "${a.name}"` : `addons[${a.index}]`;
      const irsaKeys = (['serviceAccountRoleARN', 'attachPolicyARNs', 'attachPolicy', 'wellKnownPolicies'] as const).filter(
        (_, i) => [irsa.arn, irsa.arns, irsa.doc, irsa.wellKnown][i],
      );
      if (irsaKeys.length && pias.length) {
        ctx.report(
          'eksctl-addon-irsa-and-pod-identity',
          fieldKey(a.node, 'podIdentityAssociations', obj),
          `${label} sets IRSA (${irsaKeys.join(', ')}) and podIdentityAssociations: eksctl accepts one way of giving the add-on AWS credentials, not both.`,
        );
      } else if (irsaKeys.length > 1) {
        ctx.report(
          'eksctl-addon-policy-sources',
          fieldKey(a.node, irsaKeys[1], obj),
          `${label} sets ${irsaKeys.join(' and ')}; eksctl allows at most one of wellKnownPolicies, serviceAccountRoleARN, attachPolicyARNs and attachPolicy.`,
        );
      }
      if (pias.length && a.name === POD_IDENTITY_AGENT) {
        ctx.report(
          'eksctl-pod-identity-association',
          fieldKey(a.node, 'podIdentityAssociations', obj),
          `The ${POD_IDENTITY_AGENT} add-on cannot have pod identity associations itself (eksctl rejects it).`,
        );
        continue;
      }
      pias.forEach((p, i) => checkAssociation(ctx, p, `${label}: podIdentityAssociations[${i}]`, true));
    }
    seqItems(obj.node(['iam', 'podIdentityAssociations']), obj).forEach((p, i) =>
      checkAssociation(ctx, p, `iam.podIdentityAssociations[${i}]`, true),
    );
  },
};

function checkAssociation(ctx: CheckContext, p: Node, where: string, isCreate: boolean): void {
  const { obj } = ctx;
  if (!isMap(p)) return;
  if (obj.isOpen(p)) return;
  for (const k of ['namespace', 'serviceAccountName']) {
    if (!isNonEmpty(p, k, obj)) ctx.report('eksctl-pod-identity-association', fieldKey(p, k, obj) ?? p, `${where}.${k} must be set.`);
  }
  if (!isCreate) return;
  const role = isNonEmpty(p, 'roleARN', obj);
  const policies = (['permissionPolicy', 'permissionPolicyARNs', 'wellKnownPolicies'] as const).filter((k) =>
    k === 'wellKnownPolicies' ? hasWellKnown(field(p, k, obj)) : isNonEmpty(p, k, obj),
  );
  if (!role && policies.length === 0) {
    ctx.report(
      'eksctl-pod-identity-association',
      p,
      `${where} needs a role or a policy: set one of roleARN, permissionPolicy, permissionPolicyARNs or wellKnownPolicies.`,
    );
  } else if (role && policies.length) {
    ctx.report(
      'eksctl-pod-identity-association',
      fieldKey(p, policies[0], obj),
      `${where}.${policies[0]} cannot be set together with roleARN (eksctl attaches policies only to roles it creates).`,
    );
  }
}

export const eksctlIdentityCheck: Check = {
  id: 'eksctl.identity',
  scope: 'local',
  appliesTo: isClusterConfig,
  run(ctx) {
    const { obj } = ctx;
    const auto = autoModeEnabled(obj);
    // Pod Identity needs its agent (configfile.go shallCreatePodIdentityAssociations), except on Auto Mode.
    const list = addons(obj);
    const autoApply = yaml11Bool(obj.node(['addonsConfig', 'autoApplyPodIdentityAssociations'])) === true;
    const reasons: { at: Node | undefined; what: string }[] = [];
    if (seqItems(obj.node(['iam', 'podIdentityAssociations']), obj).length)
      reasons.push({ at: fieldKey(obj.node(['iam']), 'podIdentityAssociations', obj), what: 'iam.podIdentityAssociations' });
    for (const a of list) {
      if (seqItems(field(a.node, 'podIdentityAssociations', obj), obj).length)
        reasons.push({
          at: fieldKey(a.node, 'podIdentityAssociations', obj),
          what: `the podIdentityAssociations of "${a.name ?? `addons[${a.index}]`}"`,
        });
      else if (yaml11Bool(field(a.node, 'useDefaultPodIdentityAssociations', obj)) === true)
        reasons.push({
          at: fieldKey(a.node, 'useDefaultPodIdentityAssociations', obj),
          what: `useDefaultPodIdentityAssociations on "${a.name ?? `addons[${a.index}]`}"`,
        });
    }
    if (autoApply && list.length)
      reasons.push({
        at: fieldKey(obj.node(['addonsConfig']), 'autoApplyPodIdentityAssociations', obj),
        what: 'addonsConfig.autoApplyPodIdentityAssociations',
      });
    const hasAgent = list.some((a) => knownString(a.nameNode) === POD_IDENTITY_AGENT);
    const addonsOpen = obj.isOpen(['addons']);
    if (reasons.length && !auto && !hasAgent && !addonsOpen) {
      const r = reasons[0];
      ctx.report(
        'eksctl-pod-identity-agent-missing',
        r.at,
        `Pod identity associations (from ${r.what}) work only with the EKS Pod Identity Agent: \`eksctl create cluster\` rejects the file unless the "${POD_IDENTITY_AGENT}" add-on is listed under addons (Auto Mode has the agent built in).`,
      );
    }
    // IRSA service accounts need the IAM OIDC provider (validation.go; pkg/eks/tasks.go creates them only with withOIDC).
    const sas = obj.node(['iam', 'serviceAccounts']);
    if (seqItems(sas, obj).length) {
      const w = obj.node(['iam', 'withOIDC']);
      const b = yaml11Bool(w);
      if (b === false && w)
        ctx.report(
          'eksctl-irsa-needs-oidc',
          w,
          "iam.serviceAccounts are IRSA roles, which need the cluster's IAM OIDC provider: eksctl rejects withOIDC: false together with iam.serviceAccounts.",
          { severity: 'error' },
        );
      else if (b === undefined && (w === undefined || (isScalar(w) && yaml11Type(w) === 'null'))) {
        ctx.report(
          'eksctl-irsa-needs-oidc',
          fieldKey(obj.node(['iam']), 'serviceAccounts', obj),
          'iam.serviceAccounts without iam.withOIDC: true: `eksctl create cluster` creates the IAM OIDC provider and these service accounts only with withOIDC enabled, so they are silently skipped. Add `withOIDC: true` (or create them later with `eksctl create iamserviceaccount` on a cluster that has the provider).',
        );
      }
    }
  },
};

/** capability.go Capability.Validate; role names per the EKS Argo CD capability (argocd-configure-settings.adoc). */
export const eksctlCapabilityCheck: Check = {
  id: 'eksctl.capabilities',
  scope: 'local',
  appliesTo: isClusterConfig,
  run(ctx) {
    const { obj } = ctx;
    for (const cap of seqItems(obj.node(['capabilities']), obj)) {
      if (knownString(field(cap, 'type', obj)) !== 'ARGOCD' || obj.isOpen(cap)) continue;
      const argo = field(field(cap, 'configuration', obj), 'argocd', obj);
      if (!isMap(argo) || !isSet(argo, 'awsIdc', obj)) {
        ctx.report(
          'eksctl-capability-config',
          fieldKey(cap, 'type', obj),
          'An ARGOCD capability needs configuration.argocd.awsIdc (the IAM Identity Center instance users sign in with); eksctl rejects it without one.',
        );
      }
      for (const m of seqItems(field(argo, 'rbacRoleMappings', obj), obj)) {
        const role = field(m, 'role', obj);
        const r = knownString(role);
        if (role && r !== undefined && !['ADMIN', 'EDITOR', 'VIEWER'].includes(r)) {
          const up = r.toUpperCase();
          const fixes = ['ADMIN', 'EDITOR', 'VIEWER'].includes(up) ? replaceFix(role, up) : undefined;
          ctx.report(
            'eksctl-capability-config',
            role,
            `Argo CD capability roles are ADMIN, EDITOR or VIEWER (upper case); EKS rejects "${r}".`,
            { fixes },
          );
        }
      }
    }
  },
};

export const EKSCTL_CHECKS: Check[] = [
  eksctlSchemaCheck,
  eksctlVersionCheck,
  eksctlAutoModeCheck,
  eksctlNodeGroupCheck,
  eksctlAddonCheck,
  eksctlIdentityCheck,
  eksctlCapabilityCheck,
];
