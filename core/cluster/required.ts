// The API server's structural validation of workloads, in Kubernetes' own words: what a controller
// needs to exist before it may run (pkg/apis/apps/validation ValidateDeploymentSpec,
// ValidateReplicaSetSpec, ValidateStatefulSetSpec, ValidateDaemonSetSpec; pkg/apis/core/validation
// for the pod template and its containers; pkg/apis/batch/validation). A missing or null `spec`
// decodes to the zero value in Go, so it fails exactly as an empty one does. Field errors print as
// apimachinery's field.Error does: `spec.selector: Required value`,
// `spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
import { isObj } from '../k8s/guards';

export interface FieldError {
  /** apimachinery's CauseType: FieldValueRequired, FieldValueInvalid. */
  reason: 'FieldValueRequired' | 'FieldValueInvalid';
  field: string;
  /** The error without the field (`Required value`, `Invalid value: -1: must be …`). */
  body: string;
}

/** A node that must be an object or a list but is a scalar: a JSON decoding error (400), not a validation error. */
export interface TypeMismatch {
  /** Go's struct field path as json.Unmarshal names it (`Deployment.spec`). */
  goField: string;
  goType: string;
  jsonType: string;
}

const IS_NEGATIVE = 'must be greater than or equal to 0';
const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

const required = (field: string): FieldError => ({ reason: 'FieldValueRequired', field, body: 'Required value' });
const invalid = (field: string, value: string, detail: string): FieldError => ({
  reason: 'FieldValueInvalid',
  field,
  body: `Invalid value: ${value}: ${detail}`,
});

/** Where each kind keeps its pod template, and the Go types on the way (for decoding errors). */
const TEMPLATE_PATHS: Record<string, { path: string[]; types: string[] }> = {
  Deployment: { path: ['spec', 'template'], types: ['v1.DeploymentSpec', 'v1.PodTemplateSpec'] },
  ReplicaSet: { path: ['spec', 'template'], types: ['v1.ReplicaSetSpec', 'v1.PodTemplateSpec'] },
  StatefulSet: { path: ['spec', 'template'], types: ['v1.StatefulSetSpec', 'v1.PodTemplateSpec'] },
  DaemonSet: { path: ['spec', 'template'], types: ['v1.DaemonSetSpec', 'v1.PodTemplateSpec'] },
  Job: { path: ['spec', 'template'], types: ['v1.JobSpec', 'v1.PodTemplateSpec'] },
  CronJob: { path: ['spec', 'jobTemplate', 'spec', 'template'], types: ['v1.CronJobSpec', 'v1.JobTemplateSpec', 'v1.JobSpec', 'v1.PodTemplateSpec'] },
  Pod: { path: [], types: [] },
};
const SELECTED_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);
const REPLICATED_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

/** Kinds checked here. */
export function hasStructuralChecks(kind: string): boolean {
  return kind in TEMPLATE_PATHS;
}

const jsonType = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool');

/** The first node on the way to the containers that is a scalar or list where an object belongs (or not a list where one belongs). */
export function structuralTypeMismatch(o: { kind: string; [k: string]: unknown }): TypeMismatch | undefined {
  const tp = TEMPLATE_PATHS[o.kind];
  if (!tp) return undefined;
  const path = [...tp.path, 'spec'];
  const types = [...tp.types, 'v1.PodSpec'];
  let cur: unknown = o;
  const owner = o.kind;
  for (let i = 0; i < path.length; i++) {
    const next = (cur as Record<string, unknown>)[path[i]];
    if (next === undefined || next === null) return undefined;
    if (!isObj(next)) return { goField: `${owner}.${path.slice(0, i + 1).join('.')}`, goType: types[i], jsonType: jsonType(next) };
    cur = next;
  }
  const containers = (cur as Record<string, unknown>).containers;
  if (containers !== undefined && containers !== null && !Array.isArray(containers))
    return {
      goField: `${owner}.${[...path, 'containers'].join('.')}`,
      goType: '[]v1.Container',
      jsonType: isObj(containers) ? 'object' : jsonType(containers),
    };
  if (Array.isArray(containers)) {
    const bad = containers.find((c) => c !== null && !isObj(c));
    if (bad !== undefined) return { goField: `${owner}.${[...path, 'containers'].join('.')}`, goType: 'v1.Container', jsonType: jsonType(bad) };
  }
  return undefined;
}

/** Go's %#v of a map[string]string: `map[string]string(nil)` or `map[string]string{"a":"b", "c":"d"}`. */
function goStringMap(m: unknown): string {
  if (!isObj(m)) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`).join(', ')}}`;
}

/** A non-negative integer field (apivalidation.ValidateNonnegativeField). */
function nonNegative(errs: FieldError[], v: unknown, field: string): void {
  if (typeof v === 'number' && v < 0) errs.push(invalid(field, String(v), IS_NEGATIVE));
}

/** The pod spec's containers (validateContainers: a list with at least one, each with a name). */
function containerErrors(errs: FieldError[], podSpec: unknown, prefix: string): void {
  const containers = isObj(podSpec) ? podSpec.containers : undefined;
  const field = `${prefix}${prefix ? '.' : ''}containers`;
  if (!Array.isArray(containers) || containers.length === 0) {
    errs.push(required(field));
    return;
  }
  containers.forEach((c, i) => {
    if (!isObj(c) || typeof c.name !== 'string' || c.name === '') errs.push(required(`${field}[${i}].name`));
  });
}

/**
 * The structural errors of `o` (a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob or
 * Pod), in the order the API server finds them; [] when the object has what its controller needs.
 */
export function structuralErrors(o: { kind: string; [k: string]: unknown }): FieldError[] {
  const tp = TEMPLATE_PATHS[o.kind];
  if (!tp) return [];
  const errs: FieldError[] = [];
  const spec = isObj(o.spec) ? o.spec : {};
  if (o.kind === 'Pod') {
    containerErrors(errs, spec, 'spec');
    return errs;
  }
  if (REPLICATED_KINDS.has(o.kind)) nonNegative(errs, spec.replicas, 'spec.replicas');
  if (o.kind === 'Job') {
    nonNegative(errs, spec.parallelism, 'spec.parallelism');
    nonNegative(errs, spec.completions, 'spec.completions');
  }
  if (o.kind === 'CronJob' && (typeof spec.schedule !== 'string' || spec.schedule === '')) errs.push(required('spec.schedule'));
  if (SELECTED_KINDS.has(o.kind)) {
    const selector = isObj(spec.selector) ? spec.selector : undefined;
    if (!selector) {
      errs.push(required('spec.selector'));
      // A missing selector selects nothing (labels.Nothing()): no template matches it. (A selector
      // that does not match is the linter's `selector-mismatch`.)
      const template = isObj(spec.template) ? spec.template : {};
      const labels = isObj(template.metadata) ? template.metadata.labels : undefined;
      errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), SELECTOR_MISMATCH));
    }
  }
  let template: unknown = o;
  for (const seg of tp.path) template = isObj(template) ? template[seg] : undefined;
  containerErrors(errs, isObj(template) ? template.spec : undefined, [...tp.path, 'spec'].join('.'));
  return errs;
}
