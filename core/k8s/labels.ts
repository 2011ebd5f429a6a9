// Names, labels and label selectors as apimachinery validates and matches them
// (k8s.io/apimachinery/pkg/util/validation, pkg/labels).
import { isObj } from './guards';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const isDns1123Label = (s: string): boolean => s.length <= 63 && DNS1123_LABEL.test(s);
export const isDns1123Subdomain = (s: string): boolean => s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
export const isDns1035Label = (s: string): boolean => s.length <= 63 && DNS1035_LABEL.test(s);
export const isLabelValue = (s: string): boolean => s.length <= 63 && LABEL_VALUE.test(s);

/** A label/annotation key: optional DNS-subdomain prefix + '/' + a qualified name of ≤ 63 characters. */
export function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (parts[0].length === 0 || !isDns1123Subdomain(parts[0]))) return false;
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME.test(name);
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/**
 * Whether `selector` selects `labels`. A LabelSelector ({matchLabels, matchExpressions}) as
 * workloads use it: the empty selector selects everything. `plain` treats the selector as a
 * Service-style map of key → value (which must all match; an empty map selects nothing).
 */
export function selectorMatches(selector: unknown, labels: unknown, plain = false): boolean {
  const lbl: Record<string, unknown> = isObj(labels) ? labels : {};
  if (!isObj(selector)) return false;
  // Plain loops over own keys: a controller calls this once per pod per sync, so no arrays are made.
  if (plain) {
    let any = false;
    for (const k in selector) {
      if (!Object.hasOwn(selector, k)) continue;
      if (!(k in lbl) || String(lbl[k]) !== String(selector[k])) return false;
      any = true;
    }
    return any;
  }
  const ml = isObj(selector.matchLabels) ? selector.matchLabels : undefined;
  for (const k in ml) if (Object.hasOwn(ml, k) && (!(k in lbl) || String(lbl[k]) !== String(ml[k]))) return false;
  const me = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const req of me) {
    if (!isObj(req) || typeof req.key !== 'string') return false;
    const has = req.key in lbl;
    const val = has ? String(lbl[req.key]) : undefined;
    const values: string[] = Array.isArray(req.values) ? req.values.map(String) : [];
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(val!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(val!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * `selectorMatches(selector, ·, plain)` as a predicate, for a caller that asks about many label sets
 * in a row (a controller walking its pods): a well-formed selector is read once — keys listed,
 * values stringified, operators resolved — and each call then compares in the same order, with the
 * same answers. Anything unusual (an unknown operator, a value that is not a scalar) goes through
 * selectorMatches itself. The selector must not change while the predicate is in use.
 */
export function compileSelector(selector: unknown, plain = false): (labels: unknown) => boolean {
  const slow = (labels: unknown) => selectorMatches(selector, labels, plain);
  if (!isObj(selector)) return () => false;
  const src = plain ? selector : isObj(selector.matchLabels) ? selector.matchLabels : undefined;
  const keys: string[] = [];
  const values: string[] = [];
  for (const k in src) {
    if (!Object.hasOwn(src, k)) continue;
    if (!isScalar(src[k])) return slow;
    keys.push(k);
    values.push(String(src[k]));
  }
  if (plain && !keys.length) return () => false;
  const me = plain ? [] : Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  const reqs: { key: string; op: number; values: string[] }[] = [];
  for (const req of me) {
    const op = isObj(req) ? OPERATORS.indexOf(req.operator) : -1;
    if (!isObj(req) || typeof req.key !== 'string' || op < 0) return slow;
    const vals: unknown[] = Array.isArray(req.values) ? req.values : [];
    if (!vals.every(isScalar)) return slow;
    reqs.push({ key: req.key, op, values: vals.map(String) });
  }
  return (labels) => {
    const lbl: Record<string, unknown> = isObj(labels) ? labels : {};
    for (let i = 0; i < keys.length; i++) if (!(keys[i] in lbl) || String(lbl[keys[i]]) !== values[i]) return false;
    for (const r of reqs) {
      const has = r.key in lbl;
      const val = has ? String(lbl[r.key]) : undefined;
      if (r.op === IN ? !has || !r.values.includes(val!) : r.op === NOT_IN ? has && r.values.includes(val!) : r.op === EXISTS ? !has : has) return false;
    }
    return true;
  };
}

const OPERATORS: unknown[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const [IN, NOT_IN, EXISTS] = [0, 1, 2];
const isScalar = (v: unknown): boolean => v === null || (typeof v !== 'object' && typeof v !== 'function');

/** True when a LabelSelector has no requirements at all (it then selects everything). */
export function isEmptySelector(selector: unknown): boolean {
  if (!isObj(selector)) return true;
  const ml = isObj(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const me = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return ml === 0 && me === 0;
}

/** "app=web,tier in (a,b)" — selectors as kubectl prints them. */
export function formatSelector(selector: unknown, plain = false): string {
  if (!isObj(selector)) return '';
  if (plain)
    return Object.entries(selector)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(',');
  const parts = Object.entries(isObj(selector.matchLabels) ? selector.matchLabels : {}).map(([k, v]) => `${k}=${String(v)}`);
  for (const r of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    if (!isObj(r)) continue;
    const vals = Array.isArray(r.values) ? r.values.join(',') : '';
    if (r.operator === 'In') parts.push(`${String(r.key)} in (${vals})`);
    else if (r.operator === 'NotIn') parts.push(`${String(r.key)} notin (${vals})`);
    else if (r.operator === 'Exists') parts.push(String(r.key));
    else if (r.operator === 'DoesNotExist') parts.push(`!${String(r.key)}`);
  }
  return parts.join(',');
}
