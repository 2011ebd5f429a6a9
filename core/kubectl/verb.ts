// What a verb of the built-in kubectl is: its handler and what `VERB --help` prints.
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../cluster/store';
import type { Locale } from '../i18n/index';
import type { Args, CommandEnv, CommandResult } from './args';

/** Everything a verb handler gets for one command line. */
export interface VerbContext {
  c: Cluster;
  /** The verb as typed (one handler may serve several verbs: cordon/uncordon, crash/oom …). */
  verb: string;
  a: Args;
  /** `-n`/`--namespace`, else the environment's namespace, else `default`. */
  ns: string;
  /** `-l`/`--selector`, unparsed. */
  sel?: string;
  L: Locale;
  env: CommandEnv;
  /** The whole command line as given. */
  line: string;
  /** The object of that kind and name in `ns`. */
  get: (kind: string, name: string) => KObject | undefined;
}

export interface Verb {
  /** One line saying what the verb does. */
  summary: string;
  /** Its forms, one per line (`get TYPE[,TYPE] [NAME] …`). */
  usage: string[];
  /** The flags it reads that take a value (`--replicas N`); the parser then consumes the next word. */
  valueFlags?: string[];
  /**
   * Flags that take a value for this verb only, where another verb reads the same name as a
   * switch (`patch -p PATCH`, but `logs -p` is --previous).
   */
  ownValueFlags?: string[];
  run(cx: VerbContext): CommandResult;
}
