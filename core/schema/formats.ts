// String formats the API server checks that the generated catalog does not carry: `format: byte`
// fields (base64 in JSON and YAML; Go's decoder says "illegal base64 data at input byte N") and
// IntOrString fields that take a count or a percentage (apimachinery IsValidPercent). Keys are
// `Type.field` without the version prefix, as in enums.ts; for a map field the format applies to
// its values. date-time fields are typed in the catalog itself. A test checks every key exists.
//
// Sources (kubernetes/kubernetes, release-1.36): the OpenAPI spec (`"format": "byte"`),
// pkg/apis/apps/validation (ValidatePositiveIntOrPercent), pkg/apis/policy/validation.

import { typeBaseName } from './enums';

export type StringFormat = 'byte' | 'percent';

export const FORMATS: Readonly<Record<string, StringFormat>> = {
  'WebhookClientConfig.caBundle': 'byte',
  'APIServiceSpec.caBundle': 'byte',
  'ConfigMap.binaryData': 'byte',
  'CertificateSigningRequestSpec.request': 'byte',
  'RollingUpdateDeployment.maxSurge': 'percent',
  'RollingUpdateDeployment.maxUnavailable': 'percent',
  'RollingUpdateDaemonSet.maxSurge': 'percent',
  'RollingUpdateDaemonSet.maxUnavailable': 'percent',
  'RollingUpdateStatefulSetStrategy.maxUnavailable': 'percent',
  'PodDisruptionBudgetSpec.minAvailable': 'percent',
  'PodDisruptionBudgetSpec.maxUnavailable': 'percent',
};

/** The format of `type.field` (type as in the catalog, e.g. `AdmissionregistrationV1WebhookClientConfig`). */
export function formatOf(type: string, field: string): StringFormat | undefined {
  const key = `${typeBaseName(type)}.${field}`;
  return Object.prototype.hasOwnProperty.call(FORMATS, key) ? FORMATS[key] : undefined;
}
