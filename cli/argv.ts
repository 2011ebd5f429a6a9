// The command line as both `simulate` and `serve` read it: positional arguments, and flags given as
// `--flag value` or `--flag=value` (or bare, for the few that take no value).

export interface ArgvSpec {
  /** Flags that take a value. */
  valued: readonly string[];
  /** Flags that take none. */
  bare?: readonly string[];
  /** The error for a flag in neither list. */
  unknown: (flag: string) => Error;
  /** The error for a valued flag at the end of the line with no value. */
  missing: (flag: string) => Error;
}

export interface SplitArgv {
  positional: string[];
  /** In the order given; a bare flag has the value ''. */
  flags: { name: string; value: string }[];
}

export function splitArgv(argv: readonly string[], spec: ArgvSpec): SplitArgv {
  const out: SplitArgv = { positional: [], flags: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (spec.bare?.includes(name)) {
      out.flags.push({ name, value: '' });
      continue;
    }
    if (!spec.valued.includes(name)) throw spec.unknown(name);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw spec.missing(name);
    out.flags.push({ name, value });
  }
  return out;
}
