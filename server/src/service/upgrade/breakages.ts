/**
 * Version-specific breakages a manifest or an eksctl config shows, for a target Kubernetes version. One
 * finder serves the diagnostics (target = `kubernetesVersion` setting) and the Plan Upgrade report (target =
 * the version picked).
 *
 * Sources: awsdocs/amazon-eks-user-guide `latest/ug/versioning/kubernetes-versions-standard.adoc`
 * (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-standard.html): 1.31 removes the
 * kubelet flag --keep-terminated-pod-volumes; 1.32 deprecates the ServiceAccount annotation
 * kubernetes.io/enforce-mountable-secrets and is the last version with AL2 AMIs; 1.33 deprecates the
 * Endpoints API; 1.34 deprecates AppArmor and makes VolumeAttributesClass GA (storage.k8s.io/v1); 1.35 makes
 * the kubelet refuse cgroup v1 by default, removes --pod-infra-container-image and deprecates kube-proxy's
 * IPVS mode. AL2 in eksctl: eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/types.go AmazonLinux2EOLVersion.
 * kube-proxy version: awsdocs `latest/ug/networking/managing-kube-proxy.adoc` (the add-on's minor tracks the
 * cluster's and must not be newer).
 */
import { isScalar, type Node, type Scalar } from 'yaml';
import type { Fix, Severity } from '../diagnostics/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { getPair, keyString, nodeRange, pairs, resolve, type NodePath } from '@shared/manifest/yamlNodes';
import { knownString } from '@shared/manifest/templates';
import { compareVersions, parseMinorVersion } from '../settings';
import { addons, clusterVersionText, field, isClusterConfig, isNonEmpty, nodeGroups, seqItems } from '../eksctl/model';
import { podLabelsPath } from '../workspace/workloads';

/** `at`: a node, or chunk-relative [start, end) offsets (a flag inside a script). */
export interface UpgradeItem {
  code: string;
  at: Node | [number, number] | undefined;
  message: string;
  severity?: Severity;
  fixes?: Fix[];
}

export const VERSIONS_STANDARD_DOC = 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-standard.html';

/** kubelet flags EKS versions removed (kubernetes-versions-standard.adoc). */
export const REMOVED_KUBELET_FLAGS: readonly { flag: string; removedIn: string }[] = [
  { flag: '--keep-terminated-pod-volumes', removedIn: '1.31' },
  { flag: '--pod-infra-container-image', removedIn: '1.35' },
];

const atLeast = (v: string, min: string) => compareVersions(v, min) >= 0;

/** The higher of two minor versions (an eksctl config's own version can be ahead of the setting). */
export function maxVersion(a: string, b: string | undefined): string {
  return b && parseMinorVersion(b) && compareVersions(b, a) > 0 ? b : a;
}

/** Breakage items of one object for a target version. */
export function upgradeItems(obj: K8sObject, target: string): UpgradeItem[] {
  const out: UpgradeItem[] = [];
  if (!parseMinorVersion(target)) return out;
  if (isClusterConfig(obj)) eksctlItems(obj, target, out);
  else if (obj.kind === 'EC2NodeClass' && obj.group === 'karpenter.k8s.aws') nodeClassItems(obj, target, out);
  else objectItems(obj, target, out);
  return out;
}

function eksctlItems(obj: K8sObject, target: string, out: UpgradeItem[]): void {
  const own = clusterVersionText(obj);
  const ownIsVersion = own !== undefined && /^\d+\.\d+$/.test(own);
  const v = maxVersion(target, ownIsVersion ? own : undefined);
  for (const ng of nodeGroups(obj)) {
    const famNode = field(ng.node, 'amiFamily', obj);
    const fam = knownString(famNode)?.toLowerCase();
    const customAmi = isNonEmpty(ng.node, 'ami', obj);
    // eksctl itself rejects AL2 when metadata.version is 1.33+ or unset (eksctl-al2-unsupported): this is the
    // upgrade view of a config still on an older version. A custom AMI is the user's own build.
    if (fam === 'amazonlinux2' && famNode && !customAmi && ownIsVersion && !atLeast(own!, '1.33') && atLeast(v, '1.33')) {
      out.push({
        code: 'upgrade-al2-ami',
        at: famNode,
        message: `${ng.path} runs Amazon Linux 2; EKS publishes no AL2 AMIs for ${v} (the last is 1.32), so these nodes cannot follow an upgrade to ${v}. Move the node group to AmazonLinux2023 or Bottlerocket first.`,
      });
    }
    if (fam === 'amazonlinux2' && famNode && customAmi && atLeast(v, '1.35')) {
      out.push({
        code: 'upgrade-cgroup-v1',
        at: famNode,
        message: `${ng.path} runs a custom Amazon Linux 2 AMI, which uses cgroup v1; from Kubernetes 1.35 the kubelet refuses to start on cgroup v1 unless its configuration sets failCgroupV1: false. Move to an AL2023 or Bottlerocket AMI before upgrading to ${v}.`,
      });
    }
    const scripts: Node[] = [];
    const ob = field(ng.node, 'overrideBootstrapCommand', obj);
    if (ob) scripts.push(ob);
    scripts.push(...seqItems(field(ng.node, 'preBootstrapCommands', obj), obj));
    for (const s of scripts) scriptItems(obj, s, `${ng.path} bootstrap`, v, out);
  }
  const kp = addons(obj).find((a) => a.name === 'kube-proxy');
  if (kp) {
    const verNode = field(kp.node, 'version', obj);
    const ver = knownString(verNode);
    const m = ver ? /^v?(\d+)\.(\d+)\./.exec(ver) : null;
    if (m && verNode && ownIsVersion) {
      const addonMinor = `${m[1]}.${m[2]}`;
      if (addonMinor !== own) {
        out.push({
          code: 'upgrade-addon-version-skew',
          at: verNode,
          message: `kube-proxy ${ver} is for Kubernetes ${addonMinor}, but metadata.version is ${own}: the kube-proxy add-on must match the cluster's minor version${compareVersions(addonMinor, own!) > 0 ? ' and may never be newer than the control plane' : ''}. Use a v${own}.x-eksbuild version (\`eksctl utils describe-addon-versions --kubernetes-version ${own}\`).`,
        });
      }
    }
    const cv = field(kp.node, 'configurationValues', obj);
    const cvText = knownString(cv);
    if (cv && cvText && atLeast(v, '1.35') && /["']?mode["']?\s*:\s*["']?ipvs\b/i.test(cvText)) {
      out.push({
        code: 'upgrade-deprecated-feature',
        at: cv,
        message: `kube-proxy runs in IPVS mode; Kubernetes 1.35 deprecates IPVS (removal is planned for a later release). Plan a move to the iptables or nftables mode. See ${VERSIONS_STANDARD_DOC}`,
      });
    }
  }
}

function nodeClassItems(obj: K8sObject, target: string, out: UpgradeItem[]): void {
  if (atLeast(target, '1.33')) {
    const fam = obj.node(['spec', 'amiFamily']);
    const terms = seqItems(obj.node(['spec', 'amiSelectorTerms']), obj);
    // With selector terms other than an alias the AMIs are the user's own (custom): only cgroup v1 matters.
    const custom = terms.some((t) => !field(t, 'alias', obj));
    if (knownString(fam) === 'AL2' && fam) {
      if (!custom)
        out.push({
          code: 'upgrade-al2-ami',
          at: fam,
          message: `This EC2NodeClass launches Amazon Linux 2 nodes; EKS publishes no AL2 AMIs for ${target} (the last is 1.32). Move to AL2023 or Bottlerocket before upgrading.`,
        });
      else if (atLeast(target, '1.35'))
        out.push({
          code: 'upgrade-cgroup-v1',
          at: fam,
          message: `This EC2NodeClass runs custom Amazon Linux 2 AMIs, which use cgroup v1; from Kubernetes 1.35 the kubelet refuses to start on cgroup v1 unless its configuration sets failCgroupV1: false. Move to AL2023 or Bottlerocket AMIs before upgrading to ${target}.`,
        });
    }
    for (const t of seqItems(obj.node(['spec', 'amiSelectorTerms']), obj)) {
      const alias = field(t, 'alias', obj);
      const a = knownString(alias);
      if (alias && a && /^al2@/i.test(a))
        out.push({
          code: 'upgrade-al2-ami',
          at: alias,
          message: `The alias "${a}" selects Amazon Linux 2 AMIs, which EKS does not publish for ${target} (the last is 1.32). Use al2023@… or bottlerocket@….`,
        });
    }
  }
  const ud = obj.node(['spec', 'userData']);
  if (ud) scriptItems(obj, ud, 'userData', target, out);
}

/** Removed kubelet flags and cgroup v1 kernel arguments inside a script scalar, at the text that says so. */
function scriptItems(obj: K8sObject, node: Node, where: string, v: string, out: UpgradeItem[]): void {
  // Placeholders (${NODE_LABELS}) are common in scripts; a flag is literal text either way.
  if (!isScalar(node) || typeof (node as Scalar).value !== 'string') return;
  const text = String((node as Scalar).value ?? '');
  const r = nodeRange(node);
  const src = r ? obj.chunk.text.slice(r[0], r[1]) : '';
  /** The source range of a match when the scalar shows it verbatim (plain, literal, folded lines), else the scalar. */
  const at = (re: RegExp): Node | [number, number] => {
    const m = re.exec(src);
    return m && r ? [r[0] + m.index, r[0] + m.index + m[0].length] : node;
  };
  for (const f of REMOVED_KUBELET_FLAGS) {
    const re = new RegExp(`${f.flag}(?![\\w-])`);
    if (atLeast(v, f.removedIn) && re.test(text)) {
      out.push({
        code: 'upgrade-removed-kubelet-flag',
        at: at(re),
        message: `${where} passes ${f.flag} to the kubelet; Kubernetes ${f.removedIn} removed that flag and the kubelet refuses to start with it. Remove it before upgrading to ${v}.`,
      });
    }
  }
  const cg = /systemd\.unified_cgroup_hierarchy=0|systemd\.legacy_systemd_cgroup_controller(?:=1|=yes|=true)?(?![\w=-])/;
  if (atLeast(v, '1.35') && cg.test(text)) {
    out.push({
      code: 'upgrade-cgroup-v1',
      at: at(cg),
      message: `${where} switches the node to cgroup v1; from Kubernetes 1.35 the kubelet refuses to start on cgroup v1 unless its configuration sets failCgroupV1: false. Move to cgroup v2 before upgrading to ${v}.`,
    });
  }
}

const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function objectItems(obj: K8sObject, target: string, out: UpgradeItem[]): void {
  if (obj.kind === 'Endpoints' && obj.apiVersion === 'v1' && atLeast(target, '1.33')) {
    out.push({
      code: 'upgrade-deprecated-feature',
      at: obj.node(['kind']),
      message:
        'The Endpoints API is deprecated from Kubernetes 1.33 (the API server answers with a warning); use EndpointSlice (discovery.k8s.io/v1) for new work.',
    });
  }
  if (obj.kind === 'ServiceAccount' && atLeast(target, '1.32')) {
    const p = getPair(obj.node(['metadata', 'annotations']), 'kubernetes.io/enforce-mountable-secrets');
    if (p)
      out.push({
        code: 'upgrade-deprecated-feature',
        at: p.key as Node,
        message:
          'kubernetes.io/enforce-mountable-secrets is deprecated from Kubernetes 1.32 and will be removed; isolate Secrets by namespace instead.',
      });
  }
  if (atLeast(target, '1.34')) {
    const labels = podLabelsPath(obj);
    const annPath: NodePath | undefined = labels ? [...labels.slice(0, -1), 'annotations'] : undefined;
    const ann = annPath ? obj.node(annPath) : undefined;
    for (const p of pairs(ann)) {
      const k = keyString(p);
      if (k && k.startsWith(APPARMOR_PREFIX)) {
        out.push({
          code: 'upgrade-deprecated-feature',
          at: p.key as Node,
          message: `AppArmor annotations (${APPARMOR_PREFIX}<container>) are replaced by securityContext.appArmorProfile, and EKS 1.34 deprecates AppArmor itself; consider seccomp or Pod Security Standards.`,
        });
      }
    }
  }
  if (obj.kind === 'ConfigMap' && obj.name === 'kube-proxy-config' && atLeast(target, '1.35')) {
    for (const p of pairs(obj.node(['data']))) {
      const v = resolve(p.value, obj.doc);
      const t = knownString(v);
      if (v && t && /^\s*mode\s*:\s*["']?ipvs["']?\s*$/m.test(t))
        out.push({
          code: 'upgrade-deprecated-feature',
          at: v,
          message: `kube-proxy runs in IPVS mode; Kubernetes 1.35 deprecates IPVS (removal is planned for a later release). Plan a move to the iptables or nftables mode. See ${VERSIONS_STANDARD_DOC}`,
        });
    }
  }
  if (obj.kind === 'VolumeAttributesClass' && obj.apiVersion === 'storage.k8s.io/v1beta1' && atLeast(target, '1.34')) {
    const n = obj.node(['apiVersion']);
    const r = nodeRange(n);
    out.push({
      code: 'upgrade-vac-beta',
      at: n,
      message:
        'VolumeAttributesClass is GA as storage.k8s.io/v1 from Kubernetes 1.34 (the beta kept working on EKS 1.31–1.33 with the AWS-managed CSI sidecars); move to v1.',
      fixes: r
        ? [
            {
              title: 'Change apiVersion to storage.k8s.io/v1',
              edits: [{ start: r[0], end: r[1], newText: 'storage.k8s.io/v1' }],
              preferred: true,
            },
          ]
        : undefined,
    });
  }
}
