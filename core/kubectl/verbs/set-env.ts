// kubectl set env (pkg/cmd/set/set_env.go): add, change or remove (NAME-) environment variables of
// the containers of pod templates, import a ConfigMap's or Secret's keys as references (--from,
// --keys, --prefix), or list them (--list). An object left as it was prints nothing.
import { asKind, type KObject } from '../../cluster/store';
import { fail, flag, notFound, ok, type CommandResult } from '../args';
import { resourceName } from '../printers';
import type { VerbContext } from '../verb';
import { podSpecHolder, selectContainers, setTargets, storeChange } from './set-common';
import type { Container, EnvVarSource } from '../../k8s/types';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: EnvVarSource;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_ERROR =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** `NAME=value` or `NAME-` (envutil's IsEnvironmentArgument and removal syntax). */
const isEnvWord = (w: string): boolean => /^.+=/s.test(w) || w.endsWith('-');

/** The variables to set and the names to remove, or kubectl's error (envutil.ParseEnv). */
function parseEnv(words: string[]): { env: EnvVar[]; remove: string[] } | string {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  for (const w of words) {
    if (w.includes('=')) {
      const i = w.indexOf('=');
      const name = w.slice(0, i);
      if (!ENV_NAME.test(name)) return `error: "${name}" is not a valid key name: ${ENV_NAME_ERROR}`;
      env.push({ name, value: w.slice(i + 1) });
    } else if (w.endsWith('-')) remove.push(w.slice(0, -1));
    else return `error: unknown environment variable: ${w}`;
  }
  if (remove.some((r) => env.some((e) => e.name === r))) return 'error: can not both modify and remove an environment variable in the same command';
  return { env, remove };
}

/** kubectl's `updateEnv`: existing variables keep their place (replaced or removed), new ones are appended. */
function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const covered = new Set(remove);
  const out: EnvVar[] = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((x) => x.name === e.name);
    if (newer) covered.add(e.name);
    out.push(newer ?? e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** `configmap NAME, key K` … as kubectl's --list names a reference (envutil.GetEnvVarRefString). */
function refString(from: EnvVarSource | undefined): string {
  if (from?.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from?.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from?.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from?.resourceFieldRef)
    return `resource field ${from.resourceFieldRef.containerName ? from.resourceFieldRef.containerName + '/' : ''}${from.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

/**
 * `--from=configmap/NAME|secret/NAME`: one reference per key (sorted; kubectl walks a Go map),
 * named as kubectl names it (upper case, other characters `_`), with its warning for a renamed key.
 */
function fromEnv(cx: VerbContext, from: string, keys: string[] | undefined): { env: EnvVar[]; warnings: string[] } | CommandResult {
  const [type, name] = from.split('/');
  const kind = /^(secrets?)$/.test(type) ? 'Secret' : /^(configmaps?|cm)$/.test(type) ? 'ConfigMap' : undefined;
  if (!kind || !name) return fail('error: unsupported resource specified in --from');
  const src = cx.get(kind, name);
  if (!src) return notFound(kind, name);
  const env: EnvVar[] = [];
  const warnings: string[] = [];
  for (const key of Object.keys(src.data ?? {}).sort()) {
    if (keys && !keys.includes(key)) continue;
    const envName = key.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
    if (envName !== key) warnings.push(`Warning: key ${key} transferred to ${envName}`);
    const ref = kind === 'Secret' ? { secretKeyRef: { name, key } } : { configMapKeyRef: { name, key } };
    env.push({ name: envName, valueFrom: ref });
  }
  return { env, warnings };
}

/** `--list`: each selected container's variables as kubectl prints them (`--resolve` reads ConfigMap values, never a Secret's). */
function listEnv(cx: VerbContext, o: KObject, containers: Container[], resolve: boolean): string[] {
  const out: string[] = [];
  for (const ct of containers) {
    out.push(`# ${o.kind} ${o.metadata.name}, container ${ct.name}`);
    for (const e of (ct.env ?? []) as EnvVar[]) {
      const cm = e.valueFrom?.configMapKeyRef;
      const value = resolve && cm ? asKind(cx.get('ConfigMap', cm.name ?? ''), 'ConfigMap')?.data?.[cm.key] : undefined;
      if (!e.valueFrom) out.push(`${e.name}=${e.value ?? ''}`);
      else if (value !== undefined) out.push(`${e.name}=${value}`);
      else out.push(`# ${e.name} from ${refString(e.valueFrom)}`);
    }
  }
  return out;
}

export function setEnv(cx: VerbContext): CommandResult {
  const { a } = cx;
  const words = a.pos.slice(1);
  const firstEnv = words.findIndex(isEnvWord);
  const resources = firstEnv < 0 ? words : words.slice(0, firstEnv);
  const envArgs = firstEnv < 0 ? [] : words.slice(firstEnv);
  if (envArgs.some((w) => !isEnvWord(w))) return fail(`error: all resources must be specified before environment changes: ${words.join(' ')}`);
  const list = a.flags.has('list');
  if (list && flag(a, 'o', 'output')) return fail('error: --list and --output may not be specified together');
  const keys = flag(a, 'keys')?.split(',');
  const from = flag(a, 'from');
  if (keys && !from) return fail('error: when specifying --keys, a configmap or secret must be provided with --from');
  const e = flag(a, 'e', 'env');
  const parsed = parseEnv([...(e ? e.split('\u0000') : []), ...envArgs]);
  if (typeof parsed === 'string') return fail(parsed);
  const lines: string[] = [];
  if (from) {
    const got = fromEnv(cx, from, keys);
    if ('output' in got) return got;
    lines.push(...got.warnings);
    parsed.env.push(...got.env);
  }
  const prefix = flag(a, 'prefix');
  if (prefix) for (const v of parsed.env) v.name = prefix + v.name;
  const objs = setTargets(cx, a, resources);
  if (!Array.isArray(objs)) return objs;
  const pattern = flag(a, 'c', 'containers') ?? '*';
  const overwrite = flag(a, 'overwrite') !== 'false';
  for (const o of objs) {
    const next: KObject = structuredClone(o);
    const containers = selectContainers(podSpecHolder(next), pattern);
    if (!containers.length) {
      lines.push(`Warning: ${o.kind}/${o.metadata.name} does not have any containers matching "${pattern}"`);
      continue;
    }
    for (const ct of containers) {
      const clash = overwrite ? undefined : parsed.env.find((v) => (ct.env ?? []).some((x: EnvVar) => x.name === v.name && x.value !== v.value));
      if (clash) {
        const cur = (ct.env as EnvVar[]).find((x) => x.name === clash.name)!;
        return fail(
          [
            ...lines,
            `error: ${resourceName(o.kind).split('.')[0]}s/${o.metadata.name} '${cur.name}' already has a value (${cur.value ?? ''}), and --overwrite is false`,
          ].join('\n'),
        );
      }
      const env = updateEnv(ct.env ?? [], parsed.env, parsed.remove);
      if (env.length) ct.env = env;
      else delete ct.env;
    }
    if (list) {
      lines.push(...listEnv(cx, o, containers, a.flags.has('resolve')));
      continue;
    }
    if (JSON.stringify(next) === JSON.stringify(o)) continue;
    const refused = storeChange(cx, o, next, 'failed to patch env update to pod template: ');
    if (refused) return fail([...lines, refused].join('\n'));
    lines.push(`${resourceName(o.kind)}/${o.metadata.name} env updated`);
  }
  return ok(lines.join('\n'));
}
