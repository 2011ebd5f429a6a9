// kubectl set resources (pkg/cmd/set/set_resources.go): requests and limits of the containers of
// pod templates (the power limiter of each roommate). Quantities are sent in the canonical form
// kubectl's Quantity prints (`0.5` → `500m`); a limit without a request gets the request from the
// API server's defaulting. An object left as it was prints nothing.
import type { KObject } from '../../cluster/store';
import { canonicalQuantity, QUANTITY_MESSAGE_RE } from '../../k8s/quantity';
import { fail, flag, ok, type CommandResult } from '../args';
import { resourceName } from '../printers';
import type { VerbContext } from '../verb';
import { podSpecHolder, selectContainers, setTargets, storeChange } from './set-common';

/** `cpu=100m,memory=256Mi` as a resource list, or kubectl's error (generateversioned.populateResourceListV1). */
function resourceList(spec: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) return `error: Invalid argument syntax ${statement}, expected <resource>=<value>`;
    const q = canonicalQuantity(parts[1]);
    if (q === undefined) return `error: quantities must match the regular expression '${QUANTITY_MESSAGE_RE}'`;
    out[parts[0]] = q;
  }
  return out;
}

export function setResources(cx: VerbContext): CommandResult {
  const { a, sel } = cx;
  if (a.flags.has('all') && sel !== undefined) return fail('error: cannot set --all and --selector at the same time');
  const limitsSpec = flag(a, 'limits') ?? '';
  const requestsSpec = flag(a, 'requests') ?? '';
  if (!limitsSpec && !requestsSpec) return fail('error: you must specify an update to requests or limits (in the form of --requests/--limits)');
  const limits = limitsSpec ? resourceList(limitsSpec) : {};
  if (typeof limits === 'string') return fail(limits);
  const requests = requestsSpec ? resourceList(requestsSpec) : {};
  if (typeof requests === 'string') return fail(requests);
  const objs = setTargets(cx, a, a.pos.slice(1));
  if (!Array.isArray(objs)) return objs;
  const pattern = flag(a, 'c', 'containers') ?? '*';
  const lines: string[] = [];
  const errors: string[] = [];
  for (const o of objs) {
    const next: KObject = structuredClone(o);
    const containers = selectContainers(podSpecHolder(next), pattern);
    if (!containers.length) {
      errors.push(`error: unable to find container named ${pattern}`);
      continue;
    }
    for (const ct of containers) {
      ct.resources ??= {};
      if (limitsSpec) ct.resources.limits = { ...(ct.resources.limits ?? {}), ...limits };
      if (requestsSpec) ct.resources.requests = { ...(ct.resources.requests ?? {}), ...requests };
    }
    if (JSON.stringify(next) === JSON.stringify(o)) continue;
    const refused = storeChange(cx, o, next, 'failed to patch resources update to pod template ');
    if (refused) errors.push(refused);
    else lines.push(`${resourceName(o.kind)}/${o.metadata.name} resource requirements updated`);
  }
  // kubectl prints what it updated, then the errors it collected (one aggregate), and exits 1 if there was one.
  return errors.length ? fail([...lines, ...errors].join('\n')) : ok(lines.join('\n'));
}
