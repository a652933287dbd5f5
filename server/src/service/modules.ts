/** Every domain module the service loads, in order (the first hover/definition answer wins). */
import type { LanguageModule } from './module';
import { coreModule } from './core/coreModule';
import { albModule } from './alb/albModule';
import { nodepoolModule } from './nodepool/nodepoolModule';
import { networkPolicyModule } from './networkpolicy/networkPolicyModule';
import { gatewayModule } from './gateway/gatewayModule';
import { appmeshModule } from './appmesh/appmeshModule';

export const ALL_MODULES: LanguageModule[] = [
  coreModule,
  albModule,
  nodepoolModule,
  networkPolicyModule,
  gatewayModule,
  appmeshModule,
];
