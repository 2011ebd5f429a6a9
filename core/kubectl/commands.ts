// The kubectl-style command line the side panel, lessons, scripts and tests drive the simulator
// with. The verbs (kubectl's get, apply, delete, scale, set image/selector, rollout …, and the
// simulator's crash, oom, fail/recover/add node, request, canary, advance) are in the verb table,
// ./verbs; this module parses a line and hands it to its verb.
import type { Cluster } from '../cluster/cluster';
import { t } from '../i18n/index';
import { simMsg } from './messages';
import { COMMON_VALUE_FLAGS, KNOWN_SWITCHES, fail, flag, ok, parseArgs, tokenize, unknownFlag, type CommandEnv, type CommandResult } from './args';
import { commandFlags, commandPath } from './flags';
import type { Verb } from './verb';
import { VERBS } from './verbs/index';
import { podLogs } from './verbs/logs';

export { tokenize, type CommandEnv, type CommandResult } from './args';
export { VERBS } from './verbs/index';

/** Flags followed by their value: the common ones and those any verb declares. */
const VALUE_FLAGS: ReadonlySet<string> = new Set([...COMMON_VALUE_FLAGS, ...Object.values(VERBS).flatMap((v) => v.valueFlags ?? [])]);
/** Every flag the built-in kubectl accepts (any verb's). */
const KNOWN_FLAGS: ReadonlySet<string> = new Set([...VALUE_FLAGS, ...KNOWN_SWITCHES, ...Object.values(VERBS).flatMap((v) => v.ownValueFlags ?? [])]);

/** What `VERB --help` prints. */
export function verbHelp(verb: Verb): string {
  return `${verb.summary}\n\nUsage:\n${verb.usage.map((u) => `  ${u}`).join('\n')}\n`;
}

/** Runs one command line against the cluster. Never throws. */
export function runCommand(c: Cluster, line: string, env: CommandEnv = {}): CommandResult {
  try {
    return run(c, line, env);
  } catch (e) {
    return fail(`error: ${String((e as Error)?.message ?? e)}`);
  }
}

function run(c: Cluster, line: string, env: CommandEnv): CommandResult {
  const L = env.locale ?? 'en';
  let tokens = tokenize(line);
  if (tokens[0] === 'kubectl') tokens = tokens.slice(1);
  if (!tokens.length) return ok('');
  const [name, ...rest] = tokens;
  const verb = Object.hasOwn(VERBS, name) ? VERBS[name] : undefined;
  if (!verb) return fail(t(simMsg('sim.unknownCommand', { cmd: line.trim() }), L));
  const loose = verb.ownValueFlags ? new Set([...VALUE_FLAGS, ...verb.ownValueFlags]) : VALUE_FLAGS;
  // A kubectl command takes the flags kubectl declares for it; the simulator's verbs any flag the built-in knows.
  const path = commandPath(name, parseArgs(rest, loose).pos);
  const flags = path ? commandFlags(path) : { known: KNOWN_FLAGS, value: loose };
  const bad = unknownFlag(rest, flags.known);
  // kubectl's answer to a flag the command does not take (exit 1), before the verb runs.
  if (bad) return fail(`error: ${bad}\nSee 'kubectl ${path ?? name} --help' for usage.`);
  const a = parseArgs(rest, flags.value);
  // Pod logs record the requests sent through Services from the first command on.
  podLogs(c);
  if (a.flags.has('help')) return ok(verbHelp(verb));
  const ns = flag(a, 'n', 'namespace') ?? env.namespace ?? 'default';
  return verb.run({ c, verb: name, a, ns, sel: flag(a, 'l', 'selector'), L, env, line, get: (kind, n) => c.get(kind, ns, n) });
}
