// Argument handling shared by every verb of the built-in kubectl: shell-like tokenising, flags,
// `TYPE/NAME` resolution, and the result helpers (output always ends with a newline).
import type { Locale } from '../i18n/index';
import { KIND_ALIASES } from './aliases';
import { resourceName } from './printers';

export interface CommandEnv {
  locale?: Locale;
  /** Reads a file named in `apply -f` / `delete -f` (scripts resolve it next to themselves). */
  readFile?: (path: string) => string;
  namespace?: string;
  /** The Kubernetes minor the cluster plays (`serve --kubernetes-version`, `kubeDorm.kubernetesVersion`): `explain` documents what it serves. */
  kubernetesVersion?: string;
}

export interface CommandResult {
  output: string;
  error: boolean;
  /** `request`: the pods that served the requests, in order (a refused or unreachable request names none). */
  answered?: { namespace: string; name: string }[];
  /** `request` through a Service (by name, DNS name or address): that Service, so the panel draws the orders leaving its counter. */
  via?: { namespace: string; name: string };
}

/** Positional words and flags of one command line (after the verb). */
export interface Args {
  pos: string[];
  /** Flags by name without dashes; `true` for a flag given without a value. */
  flags: Map<string, string | true>;
  /** The words after a lone `--` (a command for a container), never read as flags. */
  rest?: string[];
}

/**
 * Flags every verb may take with a value (`-n NS`, `-l SEL`, `-o FORMAT`), plus `--image`, which
 * kubectl's create/run take: its value is consumed so it is never read as a name. Verbs declare
 * their own value flags in the verb table.
 */
export const COMMON_VALUE_FLAGS: readonly string[] = ['n', 'namespace', 'l', 'selector', 'o', 'output', 'image'];

/**
 * Flags without a value any verb reads, and kubectl's global flags a script may pass: with the
 * value flags (common and the verbs'), the flags the built-in kubectl accepts. Another flag is
 * refused as kubectl refuses it (`error: unknown flag: --bogus`).
 */
export const KNOWN_SWITCHES: readonly string[] = [
  ...['A', 'all-namespaces', 'all', 'all-containers', 'show-labels', 'L', 'label-columns', 'no-headers', 'w', 'watch', 'overwrite', 'recursive'],
  ...['client', 'previous', 'p', 'f', 'follow', 'timestamps', 'prefix', 'tail', 'c', 'container', 'help', 'h', 'force', 'grace-period', 'now'],
  ...['ignore-daemonsets', 'delete-emptydir-data', 'dry-run', 'namespaced', 'exit-code', 'revision', 'to-revision', 'command', 'name', 'type'],
  ...['target-port', 'protocol', 'labels', 'restart', 'count', 'cpu', 'memory', 'kubeconfig', 'context', 'v', 'record', 'ignore-not-found', 'wait'],
  ...[
    'timeout',
    'save-config',
    'validate',
    'field-manager',
    'server-side',
    'force-conflicts',
    'sort-by',
    'show-kind',
    'raw',
    'since',
    'quiet',
    'q',
    'containers',
  ],
];

/**
 * The first flag of `tokens` that none of `known` names, as kubectl reports it
 * (`unknown flag: --bogus`, `unknown shorthand flag: 'z' in -z`); words after `--` are not flags.
 */
export function unknownFlag(tokens: string[], known: ReadonlySet<string>): string | undefined {
  for (const tk of tokens) {
    if (tk === '--') return undefined;
    const long = /^--([A-Za-z][\w-]*)/.exec(tk);
    if (long) {
      if (!known.has(long[1])) return `unknown flag: --${long[1]}`;
      continue;
    }
    const short = /^-([A-Za-z])/.exec(tk);
    if (short && !known.has(short[1]) && !known.has(tk.slice(1).split('=')[0])) return `unknown shorthand flag: '${short[1]}' in ${tk.split('=')[0]}`;
  }
  return undefined;
}

/** Splits a command line like a shell (quotes, backslash escapes); `#` starts a comment. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let q: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === q) q = null;
      else if (ch === '\\' && q === '"' && i + 1 < line.length) cur += line[++i];
      else cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      q = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else if (ch === '#' && !has) break;
    else {
      cur += ch;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

/**
 * Separates flags from positional words. `--name=value` always carries a value; `--name value`
 * and `-n value` only for the names in `valueFlags`. A repeated `--from-literal` (or `-e`) keeps every value
 * (NUL-separated); other repeated flags keep the last.
 */
export function parseArgs(tokens: string[], valueFlags: ReadonlySet<string>): Args {
  const pos: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i];
    if (tk === '--') return { pos, flags, rest: tokens.slice(i + 1) };
    const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(tk);
    if (!m || tk === '-') {
      pos.push(tk);
      continue;
    }
    const name = m[1];
    if (m[2] !== undefined) addFlag(flags, name, m[2]);
    else if (valueFlags.has(name) && i + 1 < tokens.length) addFlag(flags, name, tokens[++i]);
    else flags.set(name, true);
  }
  return { pos, flags };
}

/** Flags kubectl reads as a list when repeated (`--from-literal a=1 --from-literal b=2`, `set env -e A=1 -e B=2`). */
const REPEATABLE = new Set(['from-literal', 'tcp', 'e', 'env']);

function addFlag(flags: Map<string, string | true>, name: string, v: string): void {
  const prev = flags.get(name);
  flags.set(name, typeof prev === 'string' && REPEATABLE.has(name) ? `${prev}\u0000${v}` : v);
}

/** The value of the first of `names` given with a value. */
export function flag(a: Args, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = a.flags.get(n);
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/** Whether a switch is on: given bare (`--overwrite`) or with a value other than `false` (`--overwrite=false` is off). */
export function isOn(a: Args, ...names: string[]): boolean {
  return names.some((n) => {
    const v = a.flags.get(n);
    return v === true || (typeof v === 'string' && v !== 'false');
  });
}

/** The same flags with the positional words from `from` on (for a verb's subcommand). */
export function shift(a: Args, from = 1): Args {
  return { pos: a.pos.slice(from), flags: a.flags, rest: a.rest };
}

/**
 * The kind and name at position `i`: "deployment/web" or ("deployment", "web"); a group suffix
 * (`deployment.apps`) is accepted. `next` is the position after them.
 */
export function target(a: Args, i = 0): { kind?: string; name?: string; next: number } {
  const first = a.pos[i];
  if (!first) return { next: i };
  if (first.includes('/')) {
    const [k, n] = first.split('/');
    return { kind: aliasKind(k), name: n, next: i + 1 };
  }
  return { kind: aliasKind(first), name: a.pos[i + 1], next: i + 2 };
}

function aliasKind(word: string): string | undefined {
  const w = word.toLowerCase();
  return KIND_ALIASES[w] ?? KIND_ALIASES[w.split('.')[0]];
}

/** A node name given as `NODE`, `node/NODE` or `nodes/NODE`. */
export const nodeName = (word: string | undefined): string | undefined => word?.replace(/^nodes?\//, '');

export const ok = (output: string): CommandResult => ({ output: output.endsWith('\n') || !output ? output : output + '\n', error: false });

export const fail = (output: string): CommandResult => ({ output: output.endsWith('\n') ? output : output + '\n', error: true });

/** The API server's NotFound answer, as kubectl prints it (`deployments.apps "web" not found`). */
export function notFound(kind: string, name: string): CommandResult {
  const [resource, ...group] = resourceName(kind).split('.');
  return fail(`Error from server (NotFound): ${resource}s${group.length ? '.' + group.join('.') : ''} "${name}" not found`);
}
