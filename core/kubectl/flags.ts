// The flags each kubectl command accepts, as kubectl 1.32 declares them (./kubectl-flags.json,
// written by scripts/kubectl-flags.mjs from `kubectl COMMAND --help` and `kubectl options`): the
// built-in kubectl refuses a flag its command does not take — even one another command takes — in
// kubectl's words, and reads the value of exactly the flags that take one.
import FLAGS from './kubectl-flags.json';

interface FlagSet {
  value: string[];
  switch: string[];
}

const COMMANDS: Record<string, FlagSet> = FLAGS.commands;

/** Every command and every command group on the way to one (`create`, `create secret`, `create secret tls`). */
const PATHS = new Set(Object.keys(COMMANDS).flatMap((k) => k.split(' ').map((_, i, words) => words.slice(0, i + 1).join(' '))));

/** The subcommands kubectl also accepts under another name (`top pods`, `create cm` …). */
const SUB_ALIASES: Record<string, string> = {
  'top pods': 'top pod',
  'top po': 'top pod',
  'top nodes': 'top node',
  'top no': 'top node',
  'create deploy': 'create deployment',
  'create cm': 'create configmap',
  'create cj': 'create cronjob',
  'create ns': 'create namespace',
  'create svc': 'create service',
};

/**
 * The kubectl command a line runs (`set env`, `create secret tls`, `top pod`, `get`), from its verb
 * and first positional words; undefined for the simulator's own verbs (`crash`, `request` …).
 */
export function commandPath(verb: string, pos: string[]): string | undefined {
  let path = verb;
  for (const word of pos.slice(0, 2)) {
    const next = SUB_ALIASES[`${path} ${word}`] ?? `${path} ${word}`;
    if (PATHS.has(next)) path = next;
    else break;
  }
  return PATHS.has(path) ? path : undefined;
}

/** The flags a command accepts (its own, kubectl's global ones and `--help`), and those that take a value. */
export function commandFlags(path: string): { known: Set<string>; value: Set<string> } {
  const own = COMMANDS[path] ?? { value: [], switch: [] };
  const value = new Set([...FLAGS.global.value, ...own.value]);
  return { known: new Set([...value, ...FLAGS.global.switch, ...own.switch, 'h', 'help']), value };
}
