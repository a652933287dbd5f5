/** Every domain module the service loads, in order (the first hover/definition answer wins). */
import type { LanguageModule } from './module';
import { coreModule } from './core/coreModule';

export const ALL_MODULES: LanguageModule[] = [
  coreModule,
];
