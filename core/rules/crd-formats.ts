// The string formats the API server checks in a CRD schema (apiextensions' supported formats,
// validated by kube-openapi's strfmt registry). A format it does not list, or one Kube Dorm does not
// model (isbn, creditcard, …), is not checked: no false errors.
import { base64ErrorOffset } from '../k8s/base64';
import { RFC3339 } from './schema-format';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HOSTNAME = /^(?=.{1,255}$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const MAC = /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DURATION = /^[-+]?(\d+(\.\d*)?|\.\d+)\s*(ns|us|µs|ms|s|m|h|d|w)(\s*(\d+(\.\d*)?|\.\d+)\s*(ns|us|µs|ms|s|m|h|d|w))*$/;
const HEXCOLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

function isIPv6(s: string): boolean {
  if (!s.includes(':') || /[^0-9a-fA-F:.]/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const parts = (x: string) => (x === '' ? [] : x.split(':'));
  const groups = [...parts(dbl[0]), ...(dbl.length === 2 ? parts(dbl[1]) : [])];
  let count = 0;
  for (const [i, g] of groups.entries()) {
    if (i === groups.length - 1 && g.includes('.')) {
      if (!IPV4.test(g)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count++;
    else return false;
  }
  return dbl.length === 2 ? count < 8 : count === 8;
}

function isCidr(s: string): boolean {
  const i = s.indexOf('/');
  if (i < 0) return false;
  const ip = s.slice(0, i);
  const bits = s.slice(i + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  if (IPV4.test(ip)) return Number(bits) <= 32;
  return isIPv6(ip) && Number(bits) <= 128;
}

const CHECKS: Record<string, (s: string) => boolean> = {
  'date-time': (s) => RFC3339.test(s),
  datetime: (s) => RFC3339.test(s),
  date: (s) => DATE.test(s),
  byte: (s) => base64ErrorOffset(s) === undefined,
  uuid: (s) => UUID.test(s),
  uuid3: (s) => UUID.test(s),
  uuid4: (s) => UUID.test(s),
  uuid5: (s) => UUID.test(s),
  ipv4: (s) => IPV4.test(s),
  ipv6: isIPv6,
  cidr: isCidr,
  hostname: (s) => HOSTNAME.test(s),
  email: (s) => EMAIL.test(s),
  mac: (s) => MAC.test(s),
  duration: (s) => DURATION.test(s),
  hexcolor: (s) => HEXCOLOR.test(s),
};

/** Whether `value` breaks the schema's `format` (false for formats not checked). */
export function crdFormatProblem(format: string, value: string): boolean {
  const check = Object.prototype.hasOwnProperty.call(CHECKS, format) ? CHECKS[format] : undefined;
  return !!check && !check(value);
}

/** The formats checked (for docs and tests). */
export const CHECKED_FORMATS: readonly string[] = Object.keys(CHECKS);
