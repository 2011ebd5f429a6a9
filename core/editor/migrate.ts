// Migrations of removed apiVersions whose fields moved, for the `api-version-removed` quick fix.
// autoscaling/v2beta1 → v2 HorizontalPodAutoscaler: each metric's `target…` fields become a
// MetricTarget and its metric name/selector a MetricIdentifier, as the API server converted them
// (k8s.io/kubernetes pkg/apis/autoscaling/v2beta1/conversion.go: Convert_v2beta1_*MetricSource_To_autoscaling_*).
// autoscaling/v2beta2 → v2 needs only the apiVersion: v2 has the same schema.
import { stringify } from 'yaml';
import { findNode, type Resource } from '../manifest/parse';
import type { TextEdit } from './edits';
import { isObj, type JsonObject } from '../k8s/guards';

/** Copies the entries of `from` whose value is set, under their new names. */
function pick(from: JsonObject, names: Record<string, string>): JsonObject {
  const out: JsonObject = {};
  for (const [k, to] of Object.entries(names)) if (from[k] !== undefined && from[k] !== null) out[to] = from[k];
  return out;
}

/** One v2beta1 metric as v2, or undefined when it is not one the conversion knows. */
function metricToV2(m: unknown): JsonObject | undefined {
  if (!isObj(m) || typeof m.type !== 'string') return undefined;
  const key = m.type.charAt(0).toLowerCase() + m.type.slice(1);
  const src = m[key];
  if (!isObj(src)) return undefined;
  const identifier = (selector: string) => pick(src, { metricName: 'name', [selector]: 'selector' });
  let out: JsonObject;
  switch (m.type) {
    case 'Resource':
    case 'ContainerResource': {
      const utilization = src.targetAverageUtilization != null;
      out = {
        ...pick(src, { name: 'name', container: 'container' }),
        target: {
          type: utilization ? 'Utilization' : 'AverageValue',
          ...pick(src, { targetAverageUtilization: 'averageUtilization', targetAverageValue: 'averageValue' }),
        },
      };
      break;
    }
    case 'Pods':
      out = { metric: identifier('selector'), target: { type: 'AverageValue', ...pick(src, { targetAverageValue: 'averageValue' }) } };
      break;
    case 'Object':
      out = {
        describedObject: src.target,
        metric: identifier('selector'),
        target: { type: src.averageValue == null ? 'Value' : 'AverageValue', ...pick(src, { targetValue: 'value', averageValue: 'averageValue' }) },
      };
      break;
    case 'External':
      out = {
        metric: identifier('metricSelector'),
        target: { type: src.targetValue == null ? 'AverageValue' : 'Value', ...pick(src, { targetValue: 'value', targetAverageValue: 'averageValue' }) },
      };
      break;
    default:
      return undefined;
  }
  return { type: m.type, [key]: out };
}

/**
 * The edit that rewrites an autoscaling/v2beta1 HorizontalPodAutoscaler's `spec.metrics` for v2
 * (formatting and comments inside the list are not kept); undefined when there is nothing to move
 * or a metric is not one the conversion knows (then only the apiVersion changes, and the schema
 * rules point at what is left).
 */
export function hpaV2beta1MetricsEdit(res: Resource): TextEdit | undefined {
  if (res.apiVersion !== 'autoscaling/v2beta1' || res.kind !== 'HorizontalPodAutoscaler') return undefined;
  const metrics = isObj(res.obj?.spec) ? res.obj.spec.metrics : undefined;
  if (!Array.isArray(metrics) || !metrics.length) return undefined;
  const converted = metrics.map(metricToV2);
  if (converted.some((m) => !m)) return undefined;
  const path = [...res.basePath, 'spec', 'metrics'];
  const f = findNode(res.doc.yaml, path);
  const node = f.node as { range?: [number, number, number]; flow?: boolean } | null | undefined;
  if (f.depth !== path.length || !node?.range) return undefined;
  const file = res.doc.file;
  const start = file.lines.position(node.range[0]);
  const pad = ' '.repeat(start.character);
  const text = stringify(converted, { version: '1.1', lineWidth: 0, flow: !!node.flow })
    .trimEnd()
    .split('\n')
    .map((l, i) => (i === 0 || !l ? l : pad + l))
    .join('\n');
  // A block list's range runs on to the next line; the edit ends with its last value.
  let end = node.range[1];
  while (end > node.range[0] && /\s/.test(file.text[end - 1])) end--;
  return { range: file.lines.range(node.range[0], end), newText: text };
}
