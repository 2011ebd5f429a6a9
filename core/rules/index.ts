// Every rule module, in the order they run. Add a module here and its codes join the catalog.
import type { RuleModule } from './types';

export const ruleModules: RuleModule[] = [];
