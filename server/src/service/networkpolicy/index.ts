/** Public entry points of the NetworkPolicy module. */
export { networkPolicyModule } from './networkPolicyModule';
export { explainNetworkPolicy, explainPolicy } from './explain';
export { readPolicy } from './model';
