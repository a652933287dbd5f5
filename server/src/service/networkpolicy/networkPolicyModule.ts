/**
 * NetworkPolicy (networking.k8s.io/v1): schema diagnostics, semantic checks (ignored rules, AND vs OR peers,
 * empty from/to), workspace cross-checks against workloads and Namespaces, EKS notes, completion of labels
 * and named ports from the workspace, and a plain-language explanation on hover (and via a command).
 */
import type { LanguageModule } from '../module';
import { NP_CODES } from './codes';
import { networkPolicyCheck } from './checks';
import { networkPolicyWorkspaceCheck } from './workspaceChecks';
import { dnsEgressCheck } from './dns';
import { completeNetworkPolicy, definitionNetworkPolicy, hoverNetworkPolicy } from './features';
import { explainNetworkPolicy } from './explain';
import { Requests } from '@shared/protocol';

export const networkPolicyModule: LanguageModule = {
  id: 'networkpolicy',
  codes: NP_CODES,
  checks: [networkPolicyCheck, networkPolicyWorkspaceCheck, dnsEgressCheck],
  complete: completeNetworkPolicy,
  hover: hoverNetworkPolicy,
  definition: definitionNetworkPolicy,
  requests: {
    [Requests.explainNetworkPolicy]: ({ uri, position }, ctx) => {
      const obj = ctx.cursor(uri, position)?.obj;
      const markdown = obj ? explainNetworkPolicy(obj, ctx.index) : undefined;
      return markdown ? { markdown, name: obj!.name ?? null, namespace: obj!.namespace ?? null } : null;
    },
  },
};
