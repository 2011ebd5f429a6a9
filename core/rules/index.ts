// Every rule module, in the order they run. Add a module here and its codes join the catalog.
// (One import line per module; helpers working in parallel each add their own line.)
import type { RuleModule } from './types';
import { servicesModule } from './services';
import { secretsModule } from './secrets';
import { referencesModule } from './references';
import { schemaRules } from './schema';
import { workloadRules } from './workload';
import { containerRules } from './containers';
import { quantityRules } from './quantities';
import { cronRules } from './cron';
import { strategyRules } from './strategy';
import { selectionRules } from './selection';
import { autoscalingRules } from './autoscaling';
import { listeningRules } from './listening';
import { crdRules } from './crd';

export const ruleModules: RuleModule[] = [
  servicesModule,
  secretsModule,
  referencesModule,
  schemaRules,
  workloadRules,
  containerRules,
  quantityRules,
  cronRules,
  strategyRules,
  selectionRules,
  autoscalingRules,
  listeningRules,
  crdRules,
];
