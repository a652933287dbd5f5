/** Every domain module the service loads, in order (the first hover/definition answer wins). */
import type { LanguageModule } from './module';
import { coreModule } from './core/coreModule';
import { albModule } from './alb/albModule';
import { nodepoolModule } from './nodepool/nodepoolModule';
import { networkPolicyModule } from './networkpolicy/networkPolicyModule';
import { kustomizeModule } from './kustomize/kustomizeModule';

export const ALL_MODULES: LanguageModule[] = [
  coreModule,
  albModule,
  nodepoolModule,
  networkPolicyModule,
  kustomizeModule,
];
