/**
 * Cross-document identity checks: a workload's serviceAccountName against the workspace's ServiceAccounts
 * (files and the ones eksctl creates), and a ServiceAccount configured for both IRSA and EKS Pod Identity.
 */
import type { Check } from '../checks/types';
import type { K8sObject } from '@shared/manifest/k8sObject';
import { closest } from '../catalog/types';
import { nodeRange } from '@shared/manifest/yamlNodes';
import { isUnknownNode } from '@shared/manifest/templates';
import { replaceScalarFix } from '../model/edits';
import { podTemplatePath, workloadOf } from '../workspace/workloads';
import { IRSA_PREFIX } from './catalog';
import { SERVICE_ACCOUNT_READS, annotationsFor, associationsFor, isServiceAccount, serviceAccountTable, serviceAccountsFor } from './model';

export const serviceAccountRefCheck: Check = {
  id: 'identity.serviceAccountRef',
  scope: 'workspace',
  reads: SERVICE_ACCOUNT_READS,
  appliesTo: (o) => podTemplatePath(o) !== undefined,
  run(ctx) {
    const w = workloadOf(ctx.obj);
    const node = w?.serviceAccountNode;
    const name = w?.serviceAccountName;
    if (!w || !node || !name || name === 'default' || isUnknownNode(node)) return;
    if (serviceAccountsFor(ctx.index, name, w.namespace).length) return;
    const t = serviceAccountTable(ctx.index);
    const ns = w.namespace ?? '';
    if (!t.declared.has(ns) || t.unknownIn.has(ns) || t.unknownIn.has('*')) return;
    const here = [...t.byName.values()]
      .flat()
      .filter((e) => e.obj && (e.namespace ?? '') === ns)
      .map((e) => e.name);
    const guess = closest(name, here, 1)[0];
    const fix = guess ? replaceScalarFix(ctx.obj.chunk.text, node, guess, `Change to ${guess}`) : undefined;
    ctx.report(
      'serviceaccount-missing',
      node,
      `No ServiceAccount "${name}" in ${w.namespace ? `namespace ${w.namespace}` : 'this namespace'} of the workspace, which declares that namespace's ServiceAccounts (${[...new Set(here)].slice(0, 5).join(', ')})${guess ? ` — did you mean "${guess}"?` : ''}. The API server refuses to create Pods for a ServiceAccount that does not exist. If it is created elsewhere (kubectl, eksctl, another repository), ignore this.`,
      { fixes: fix ? [fix] : undefined },
    );
  },
};

function relatedTo(obj: K8sObject, node: import('yaml').Node | undefined, message: string) {
  const r = nodeRange(node) ?? obj.documentOffsets();
  return { uri: obj.uri, chunk: obj.chunk, start: r[0], end: r[1], message };
}

export const irsaPodIdentityCheck: Check = {
  id: 'identity.irsaAndPodIdentity',
  scope: 'workspace',
  reads: ['ClusterConfig'],
  appliesTo: isServiceAccount,
  run(ctx) {
    const sa = ctx.obj;
    if (!sa.name) return;
    const role = annotationsFor(sa).find((a) => a.key === `${IRSA_PREFIX}role-arn`);
    if (!role || role.value === undefined || role.value === '') return;
    const assocs = associationsFor(ctx.index, sa.name, sa.namespace);
    if (!assocs.length) return;
    const a = assocs[0];
    const cluster = a.config.name ?? '';
    const same = a.roleARN !== undefined && a.roleARN === role.value;
    ctx.report(
      'irsa-and-pod-identity',
      role.keyNode,
      `ServiceAccount ${a.namespace}/${sa.name} has an IRSA role and an EKS Pod Identity association${a.addon ? ` (add-on ${a.addon})` : ''} in eksctl cluster ${cluster}${same ? ' for the same role' : a.roleARN ? ` (role ${a.roleARN})` : ''}. Pod Identity wins for Pods created after the association exists: the webhook then injects only the Pod Identity credentials and skips the IRSA role (amazon-eks-pod-identity-webhook pkg/handler/handler.go: container credentials take precedence). Pods started earlier keep IRSA until they are recreated, since the SDKs try web identity before container credentials. Keep one of the two.`,
      {
        related: assocs
          .slice(0, 5)
          .map((x) => relatedTo(x.config, x.node, `Pod Identity association for ${x.namespace}/${x.serviceAccountName}`)),
      },
    );
  },
};

export const IDENTITY_WORKSPACE_CHECKS: Check[] = [serviceAccountRefCheck, irsaPodIdentityCheck];
