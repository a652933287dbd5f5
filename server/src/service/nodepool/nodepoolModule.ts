/**
 * EKS Auto Mode / Karpenter NodePool (karpenter.sh/v1) and NodeClass (eks.amazonaws.com/v1): schema and CEL
 * rules of the CRD, Auto Mode specifics, the v1beta1 → v1 move, NodeClass references, and the workload
 * settings that must agree with NodePools (grace periods, PodDisruptionBudgets). Completion and hover
 * read the same schemas and requirement-key catalog as the checks.
 */
import type { LanguageModule } from '../module';
import { NODEPOOL_CODES } from './codes';
import { autoModePodCheck, doNotDisruptCheck, nodeClassCheck, nodePoolOldVersionCheck, nodePoolV1Check } from './checks';
import { nodeClassRefCheck, pdbEvictionCheck, podGraceCheck, workloadPdbCheck } from './workspaceChecks';
import { completeNodePool, hoverNodePool, nodeClassDefinition } from './features';

export const nodepoolModule: LanguageModule = {
  id: 'nodepool',
  codes: NODEPOOL_CODES,
  checks: [
    nodePoolV1Check,
    nodePoolOldVersionCheck,
    nodeClassCheck,
    autoModePodCheck,
    doNotDisruptCheck,
    nodeClassRefCheck,
    podGraceCheck,
    workloadPdbCheck,
    pdbEvictionCheck,
  ],
  complete: completeNodePool,
  hover: hoverNodePool,
  definition: nodeClassDefinition,
};
