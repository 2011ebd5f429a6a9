// The kubelet's variable expansion (third_party/forked/golang/expansion): `$(VAR)` in a
// container's command, args and env values is replaced by VAR's value when VAR is defined, left
// as written when not; `$$` is a literal `$`. And the environment a container starts with, built
// as the kubelet builds it (kubelet_pods.go makeEnvironmentVariables): envFrom first, then env in
// order, each value expanded with the variables defined before it.
import { isObj, objOf, scalarText, strOf } from './guards';

/** `input` with each `$(NAME)` replaced by `lookup(NAME)` (undefined: left as written) and `$$` by `$`. */
export function expandVars(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += '$(';
        i++;
      } else {
        const name = input.slice(i + 2, close);
        out += lookup(name) ?? `$(${name})`;
        i = close;
      }
    } else {
      out += '$' + next;
      i++;
    }
  }
  return out;
}

/** Where a container's variable values come from: the pod, and the ConfigMaps and Secrets it reads. */
export interface EnvSources {
  pod: { metadata?: unknown; spec?: unknown; status?: unknown };
  configMap(name: string): Record<string, string> | undefined;
  /** A Secret's keys (values are never read here: a Secret-sourced variable stands for its value). */
  secretKeys(name: string): string[] | undefined;
}

/** What a Secret-sourced variable reads as: its source, never its value. */
export const secretPlaceholder = (secret: string, key: string): string => `<secret ${secret}/${key}>`;

/** The downward API fields a `fieldRef` may name. */
function fieldValue(pod: EnvSources['pod'], path: string): string | undefined {
  const annotation = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  const metadata = objOf(pod.metadata);
  const spec = objOf(pod.spec);
  const status = objOf(pod.status);
  if (annotation) return strOf(objOf(metadata[annotation[1]])[annotation[2]]);
  const table: Record<string, unknown> = {
    'metadata.name': metadata.name,
    'metadata.namespace': metadata.namespace ?? 'default',
    'metadata.uid': metadata.uid,
    'spec.nodeName': spec.nodeName,
    'spec.serviceAccountName': spec.serviceAccountName ?? 'default',
    'status.podIP': status.podIP,
    'status.hostIP': status.hostIP,
  };
  const v = table[path];
  return typeof v === 'string' ? v : undefined;
}

/** The variables a container starts with (HOSTNAME, envFrom, env), as the kubelet sets them. */
export function containerEnv(container: unknown, src: EnvSources): Map<string, string> {
  const env = new Map<string, string>();
  env.set('HOSTNAME', scalarText(objOf(src.pod.spec).hostname ?? objOf(src.pod.metadata).name));
  if (!isObj(container)) return env;
  for (const from of Array.isArray(container.envFrom) ? container.envFrom : []) {
    if (!isObj(from)) continue;
    const prefix = typeof from.prefix === 'string' ? from.prefix : '';
    const cm = isObj(from.configMapRef) ? src.configMap(String(from.configMapRef.name)) : undefined;
    for (const [k, v] of Object.entries(cm ?? {})) env.set(prefix + k, String(v));
    const secret = isObj(from.secretRef) ? String(from.secretRef.name) : undefined;
    for (const k of secret ? (src.secretKeys(secret) ?? []) : []) env.set(prefix + k, secretPlaceholder(secret!, k));
  }
  for (const e of Array.isArray(container.env) ? container.env : []) {
    if (!isObj(e) || typeof e.name !== 'string') continue;
    const vf = isObj(e.valueFrom) ? e.valueFrom : undefined;
    let value: string | undefined;
    if (!vf) value = expandVars(typeof e.value === 'string' ? e.value : '', (n) => env.get(n));
    else if (isObj(vf.configMapKeyRef)) value = src.configMap(String(vf.configMapKeyRef.name))?.[String(vf.configMapKeyRef.key)];
    else if (isObj(vf.secretKeyRef)) {
      const { name, key } = vf.secretKeyRef as { name?: unknown; key?: unknown };
      if (src.secretKeys(String(name))?.includes(String(key))) value = secretPlaceholder(String(name), String(key));
    } else if (isObj(vf.fieldRef)) value = fieldValue(src.pod, String(vf.fieldRef.fieldPath));
    if (value !== undefined) env.set(e.name, value);
  }
  return env;
}
