// "Check Against Cluster": the open manifest's objects sent to a real API server as a server-side
// dry-run apply (PATCH, application/apply-patch+yaml, dryRun=All, fieldManager=kube-dorm: nothing is
// stored), each refusal placed at its line (the Status' causes name the field), next to what the
// simulator predicted for the same file; where the two disagree, a finding says so.
import { applyFiles, createCluster } from '../cluster/index';
import { resources } from '../k8s/registry';
import { isClusterScopedKind } from '../k8s/kinds';
import { parseFile, rangeOf, resourceHeaderRange, type Resource } from '../manifest/parse';
import type { Msg, Path, Range } from '../manifest/types';
import { HttpError, type RemoteClient } from './client';
import { remoteMsg } from './messages';

export interface CheckFinding {
  uri: string;
  range: Range;
  severity: 'error' | 'warning' | 'info';
  /** `cluster-refused`, `cluster-conflict`, `cluster-disagrees` (the simulator accepted what the cluster refuses) or `simulator-disagrees`. */
  code: string;
  message: Msg;
}

export interface CheckResult {
  findings: CheckFinding[];
  /** One line per object, as `kubectl apply --server-side --dry-run=server` would print it (or its refusal). */
  lines: string[];
  checked: number;
}

/** `spec.template.spec.containers[0].image` → ['spec', 'template', 'spec', 'containers', 0, 'image']. */
export function fieldPath(field: string): Path {
  const out: Path = [];
  for (const part of field.replace(/^\./, '').split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return out;
    if (m[1]) out.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

/** The API path of a manifest object (its group/version and kind), or undefined for a kind the catalog does not know. */
export function objectPath(res: Resource, defaultNamespace: string): string | undefined {
  const [group, version] = res.apiVersion.includes('/') ? res.apiVersion.split('/') : ['', res.apiVersion];
  const def = resources().find((d) => d.kind === res.kind && d.group === group && d.version === version);
  if (!def || !res.name) return undefined;
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const ns = def.namespaced ? `/namespaces/${encodeURIComponent(res.namespace ?? defaultNamespace)}` : '';
  return `${base}${ns}/${def.plural}/${encodeURIComponent(res.name)}`;
}

const inside = (r: Range, res: Resource) => {
  const s = res.doc.file.lines.offset(r.start);
  return s >= res.doc.start && s <= res.doc.end;
};

/** Sends each object of the file as a dry-run apply and compares the answers with the simulator's. */
export async function checkAgainstCluster(client: RemoteClient, uri: string, text: string, defaultNamespace = 'default'): Promise<CheckResult> {
  const file = parseFile(uri, text);
  const simCluster = createCluster({ nodes: 3 });
  const sim = applyFiles(simCluster, [{ uri, text }]);
  // What the simulator predicted for an object: stored (or kept as not simulated), or refused (a
  // lint error inside its document, or an error of `kubectl apply` such as a missing namespace).
  const simStored = (res: Resource) => {
    const ns = isClusterScopedKind(res.kind) ? undefined : (res.namespace ?? 'default');
    return (
      !!res.name &&
      (!!simCluster.get(res.kind, ns, res.name) ||
        simCluster.notSimulated.some((o) => o.kind === res.kind && o.metadata?.name === res.name && o.metadata?.namespace === ns))
    );
  };
  const out: CheckResult = { findings: [], lines: [], checked: 0 };
  for (const res of file.resources) {
    const object = `${res.kind}/${res.name ?? '?'}`;
    const simDiag = sim.diagnostics.find((d) => d.uri === uri && inside(d.range, res));
    const simRefusal = simDiag ?? (simStored(res) ? undefined : { range: resourceHeaderRange(res), code: 'apply-refused' });
    const path = objectPath(res, defaultNamespace);
    const header = resourceHeaderRange(res);
    if (!path) {
      out.findings.push({
        uri,
        range: header,
        severity: 'info',
        code: 'cluster-unchecked',
        message: remoteMsg('remote.check.unknownKind', { object, apiVersion: res.apiVersion }),
      });
      continue;
    }
    out.checked++;
    try {
      await client.request('PATCH', `${path}?dryRun=All&fieldManager=kube-dorm`, JSON.stringify(res.obj), 'application/apply-patch+yaml');
      out.lines.push(`${res.kind.toLowerCase()}/${res.name} serverside-applied (server dry run)`);
      if (simRefusal)
        out.findings.push({
          uri,
          range: simRefusal.range,
          severity: 'info',
          code: 'simulator-disagrees',
          message: remoteMsg('remote.check.simOnly', { object, code: simRefusal.code }),
        });
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      const detail = e.status?.message ?? e.message;
      out.lines.push(`Error from server (${e.status?.reason ?? e.code}): ${detail}`);
      const places = e.causes.flatMap((c) => (typeof c.field === 'string' && c.field ? [rangeOf(res, fieldPath(c.field), 'value')] : []));
      const conflict = e.code === 409;
      for (const range of places.length ? places : [header])
        out.findings.push({
          uri,
          range,
          severity: conflict ? 'warning' : 'error',
          code: conflict ? 'cluster-conflict' : 'cluster-refused',
          message: remoteMsg(conflict ? 'remote.check.conflict' : 'remote.check.refused', { object, detail }),
        });
      if (!conflict && !simRefusal)
        out.findings.push({ uri, range: header, severity: 'info', code: 'cluster-disagrees', message: remoteMsg('remote.check.clusterOnly', { object }) });
    }
  }
  return out;
}
