/**
 * Gateway API on EKS: the core API (gateway.networking.k8s.io — versions served by the bundled release, the
 * references between GatewayClasses, Gateways, routes, Services and ReferenceGrants, weighted backends), VPC
 * Lattice through the AWS Gateway API Controller (route limits, listeners, policies, the IAM auth policy JSON,
 * annotations), and the AWS Load Balancer Controller's ALB/NLB Gateways and their configuration kinds.
 * Completion, hover, go to definition and traffic-split code lenses read the same models as the checks;
 * the Ingress → Gateway preview is in migration.ts.
 */
import type { LanguageModule } from '../module';
import { GATEWAY_CODES, LATTICE_CODES, LBC_GATEWAY_CODES } from './codes';
import { GATEWAY_CHECKS } from './checks';
import { LATTICE_CHECKS } from './lattice';
import { LBC_CHECKS } from './lbc';
import { completeGateway, definitionGateway, hoverGateway, weightLenses } from './features';
import { ingressMigrationActions, ingressToGateway } from './migration';
import { Requests } from '@shared/protocol';

export const gatewayModule: LanguageModule = {
  id: 'gateway',
  codes: [...GATEWAY_CODES, ...LATTICE_CODES, ...LBC_GATEWAY_CODES],
  checks: [...GATEWAY_CHECKS, ...LATTICE_CHECKS, ...LBC_CHECKS],
  complete: completeGateway,
  hover: hoverGateway,
  definition: definitionGateway,
  codeLenses: weightLenses,
  codeActions: ingressMigrationActions,
  requests: {
    [Requests.previewGatewayMigration]: ({ uri, position }, ctx) => {
      const obj = ctx.cursor(uri, position)?.obj;
      return (obj && ingressToGateway(obj, ctx.index)) ?? null;
    },
  },
};
