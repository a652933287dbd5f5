/** Every domain module the service loads, in order (the first hover/definition answer wins). */
import type { LanguageModule } from './module';
import { coreModule } from './core/coreModule';
import { albModule } from './alb/albModule';
import { nodepoolModule } from './nodepool/nodepoolModule';
import { networkPolicyModule } from './networkpolicy/networkPolicyModule';
import { eksctlModule } from './eksctl/eksctlModule';
import { upgradeModule } from './upgrade/upgradeModule';
import { gitopsModule } from './gitops/gitopsModule';
import { storageModule } from './storage/storageModule';
import { identityModule } from './identity/identityModule';
import { datadogModule } from './datadog/datadogModule';
import { schemaModule } from './schema/schemaModule';
import { gatewayModule } from './gateway/gatewayModule';
import { appmeshModule } from './appmesh/appmeshModule';
import { kustomizeModule } from './kustomize/kustomizeModule';

export const ALL_MODULES: LanguageModule[] = [
  coreModule,
  albModule,
  nodepoolModule,
  networkPolicyModule,
  gatewayModule,
  appmeshModule,
  eksctlModule,
  upgradeModule,
  gitopsModule,
  storageModule,
  identityModule,
  datadogModule,
  kustomizeModule,
  // Last: the domain modules answer hover first; their findings win over the schema's (engine/dedupe.ts).
  schemaModule,
];
