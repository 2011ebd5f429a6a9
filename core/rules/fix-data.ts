// The machine-readable facts each rule attaches to its diagnostics, for quick fixes: one shape per
// rule code. A rule can only attach its own code's shape (RuleContext.report is typed by it), and a
// reader gets it back through `dataOf`, which checks the shape at run time, because the data also
// travels to editors and back over JSON-RPC, where anything may come in. Never secret values.
import type { KDiagnostic } from '../manifest/types';
import type { ContainersCode } from './containers';
import type { CronCode } from './cron';
import type { QuantitiesCode } from './quantities';
import type { ReferencesCode } from './references';
import type { SchemaCode } from './schema';
import type { SecretsCode } from './secrets';
import type { ServicesCode } from './services';
import type { WorkloadCode } from './workload';
import type { StrategyCode } from './strategy';
import type { SelectionCode } from './selection';
import type { AutoscalingCode } from './autoscaling';
import type { ListeningCode } from './listening';
import type { CrdCode } from './crd';
import { anything, arr, bool, either, lit, none, num, obj, opt, path, rec, str, type Shape, type ShapeType } from './shape';

/** Every code a rule module reports, from the modules' own rule lists. */
export type RuleCode =
  | ServicesCode
  | SecretsCode
  | ReferencesCode
  | SchemaCode
  | WorkloadCode
  | ContainersCode
  | QuantitiesCode
  | CronCode
  | StrategyCode
  | SelectionCode
  | AutoscalingCode
  | ListeningCode
  | CrdCode;

const refMissing = obj({
  kind: lit('Secret', 'ConfigMap'),
  name: str,
  namespace: str,
  /** Keys the pod asks for, so a created stub can hold them. */
  keys: arr(str),
  /** A Secret or ConfigMap of a similar name in the namespace. */
  suggestion: opt(str),
  /** The type a created Secret needs (an image-pull Secret). */
  secretType: opt(str),
});

const keyMissing = obj({
  kind: lit('Secret', 'ConfigMap'),
  name: str,
  namespace: str,
  missingKeys: arr(str),
  availableKeys: arr(str),
  suggestion: opt(str),
});

const resourcesMissing = obj({
  /** The container's name as written (any YAML value). */
  container: anything,
  containerPath: path,
  /** 'cpu' and/or 'memory'. */
  missing: arr(str),
});

const containerPort = obj({ name: opt(str), containerPort: num, protocol: str });
const nodePortOwner = obj({ name: opt(str), namespace: str, uri: str });

/** The data shape of each rule code; `none` where the rule attaches no data. */
export const FIX_DATA = {
  // services
  'service-no-match': obj({ selector: rec(str), namespace: str, labelsInUse: arr(obj({ kind: str, name: opt(str), labels: rec(str) })) }),
  'service-target-port': obj({
    targetPort: either(num, str),
    containerPorts: arr(containerPort),
    /** The one container port (number or name) the Service most likely means. */
    suggestion: opt(either(num, str)),
    /** The port had no targetPort: the fix adds one instead of changing the port. */
    addTargetPort: opt(bool),
    /** The protocol of the container port that has the name. */
    protocol: opt(str),
  }),
  'node-port-range': obj({ index: num, nodePort: num, min: num, max: num, suggestedNodePort: opt(num) }),
  'node-port-type': obj({ index: num, nodePort: num, setType: lit('NodePort') }),
  'node-port-duplicate': obj({ index: num, nodePort: num, suggestedNodePort: opt(num), others: opt(arr(nodePortOwner)) }),
  // secrets and config maps
  'secret-ref-missing': refMissing,
  'configmap-ref-missing': refMissing,
  'secret-key-missing': keyMissing,
  'configmap-key-missing': keyMissing,
  'secret-data-not-base64': obj({ name: opt(str), namespace: str, key: str, offset: num }),
  // references
  'statefulset-service-missing': obj({
    service: str,
    namespace: str,
    statefulSet: opt(str),
    /** The pod template's labels as written, for the selector of a created Service. */
    selector: rec(anything),
    suggestion: opt(str),
  }),
  'statefulset-service-not-headless': obj({ service: str, namespace: str, serviceUri: str }),
  'pvc-missing': obj({ name: str, namespace: str, suggestion: opt(str) }),
  'duplicate-resource': obj({ kind: str, namespace: opt(str), name: opt(str), others: arr(str) }),
  // schema
  'api-version-unknown': obj({ suggestions: opt(arr(str)), suggestion: opt(str), kindSuggestion: opt(str) }),
  'api-version-removed': obj({ removedIn: str, replacement: opt(str) }),
  'api-version-not-served': obj({ target: str, since: opt(str), replacement: opt(str) }),
  'field-not-in-version': obj({ target: str, since: str, path: str }),
  'schema-not-checked': obj({ target: str }),
  'schema-unknown-field': obj({ field: str, path: str, type: str, suggestion: opt(str), belongsIn: opt(str) }),
  'schema-type': obj({ expected: str, actual: str, fix: opt(lit('quote', 'unquote')) }),
  'schema-required': obj({ field: str, path: str }),
  'schema-enum': obj({ allowed: arr(str), suggestion: opt(str) }),
  'schema-format': none,
  'schema-constraint': none,
  'custom-resource-unknown': none,
  'crd-validations-not-checked': none,
  // workloads
  'name-invalid': obj({ rule: str, kind: str }),
  'label-value-invalid': none,
  /** The template's labels as written. */
  'selector-missing': obj({ labels: rec(anything) }),
  /** Labels that would make the template match, and the selector as written. */
  'selector-mismatch': obj({ labels: rec(anything), selector: rec(anything) }),
  'restart-policy-invalid': obj({ expected: arr(str), missing: opt(lit(true)) }),
  // containers
  'port-name-invalid': obj({ missing: opt(lit(true)) }),
  'port-number-invalid': obj({ port: num, closest: num }),
  'resources-missing-limits': resourcesMissing,
  'resources-missing-requests': resourcesMissing,
  'secret-in-plain-env': obj({ name: str, container: anything, envPath: path }),
  'volume-mount-missing': obj({ name: str, volumes: arr(str), closest: opt(str) }),
  'probe-port-missing': obj({ name: str, ports: arr(str), closest: opt(str) }),
  'env-duplicate': obj({ name: str, first: num, duplicate: num }),
  'image-latest': obj({ image: str, tag: str }),
  'image-reference-invalid': none,
  'container-port-conflict': none,
  // quantities
  'quantity-invalid': obj({ value: str, suggestion: opt(str), resource: opt(str) }),
  'quantity-suspicious': obj({ value: str, suggestion: str, resource: str }),
  'requests-exceed-limits': obj({ resource: str, request: str, limit: str, containerPath: path }),
  // strategy: the key to remove, or the value to set
  'deployment-strategy-invalid': obj({ remove: opt(path), set: opt(path), to: opt(either(num, str)) }),
  // selection
  'selector-overlap': obj({ other: str, namespace: str }),
  'affinity-selects-nothing': none,
  // autoscaling
  'hpa-target-missing': obj({ kind: str, name: str, namespace: str, suggestion: opt(str) }),
  'hpa-target-no-requests': obj({ resource: str, target: str, containers: arr(str) }),
  // listening
  'service-target-not-listening': obj({ listens: arr(num) }),
  // cron
  'cronjob-schedule-invalid': obj({ schedule: str, problem: str, detail: str, timeZone: opt(str) }),
} satisfies { [C in RuleCode]: Shape<unknown> };

/** The data shape of every rule code. */
export type FixData = { [C in RuleCode]: ShapeType<(typeof FIX_DATA)[C]> };

/** The data a diagnostic of code `C` carries. */
export type FixDataOf<C extends RuleCode> = FixData[C];

/** Whether `code` is one of the rule modules' codes. */
export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(FIX_DATA, code);
}

/**
 * The data of `d` if it is a diagnostic of `code` whose data has that code's shape; otherwise
 * undefined (a diagnostic an editor sent back may carry anything).
 */
export function dataOf<C extends RuleCode>(d: Pick<KDiagnostic, 'code' | 'data'>, code: C): FixDataOf<C> | undefined {
  if (d.code !== code) return undefined;
  const shape: Shape<unknown> = FIX_DATA[code];
  return shape(d.data) ? (d.data as FixDataOf<C>) : undefined;
}
