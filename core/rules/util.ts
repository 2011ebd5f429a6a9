// Small helpers shared by the per-resource rule modules (workload, containers, quantities, cron).
import type { Path } from '../manifest/types';
import { asArray, isObj, objOf, scalarText } from '../k8s/guards';

export { asArray, isObj, objOf };

/** A value as it appears in a message: strings as-is, cut to a readable length (never used for secrets). */
export function show(v: unknown, max = 80): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/**
 * A field path as Kubernetes prints it: `spec.containers[0].ports[1].name`; `mapKey` appends a
 * map entry the way apimachinery's `field.Path.Key` does (`resources.requests[cpu]`).
 */
export function fieldPath(path: Path, mapKey?: string): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  if (mapKey !== undefined) out += `[${show(mapKey, 60)}]`;
  return out;
}

/** Kubernetes' `map[string]string{"app":"web"}` rendering of a label map (cut when long). */
export function showMap(m: unknown): string {
  if (!isObj(m)) return 'map[string]string(nil)';
  const body = Object.entries(m)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(String(v))}`)
    .join(', ');
  return show(`map[string]string{${body}}`, 160);
}

/** "app=web,tier=front" */
export function formatLabels(labels: Record<string, unknown>): string {
  const s = Object.entries(labels)
    .map(([k, v]) => `${k}=${scalarText(v)}`)
    .join(',');
  return s.length > 200 ? `${s.slice(0, 197)}...` : s || '—';
}
