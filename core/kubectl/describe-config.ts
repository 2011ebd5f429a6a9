// `kubectl describe secret|configmap|namespace|persistentvolumeclaim|endpoints` (k8s.io/kubectl/pkg/describe,
// kubectl 1.32 wording). A Secret shows each key's size in bytes, never its value.
import type { Cluster } from '../cluster/cluster';
import { asKind, type KObject } from '../cluster/store';
import { eventsBlock, header, labelsBlock } from './describe';
import type { EndpointAddress, Volume } from '../k8s/types';

const named = (c: Cluster, o: KObject) => header(c, o, false);
const meta = (o: KObject) => labelsBlock('Labels', o.metadata.labels) + labelsBlock('Annotations', o.metadata.annotations, ': ');
const sortedKeys = (m: Record<string, unknown> | undefined) => Object.keys(m ?? {}).sort();

/** Bytes of a base64 value (what the API server decodes a Secret's data to). */
function base64Bytes(v: unknown): number {
  if (typeof v !== 'string') return 0;
  const clean = v.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}

function describeSecret(c: Cluster, o: KObject): string {
  const s = asKind(o, 'Secret');
  if (!s) return '';
  let out = named(c, s) + meta(s) + `\nType:\t${s.type ?? 'Opaque'}\n\nData\n====\n`;
  const sizes = new Map<string, number>(Object.entries(s.data ?? {}).map(([k, v]) => [k, base64Bytes(v)]));
  // stringData is folded into data by the API server: its UTF-8 bytes.
  for (const [k, v] of Object.entries(s.stringData ?? {})) sizes.set(k, new TextEncoder().encode(String(v)).length);
  for (const k of [...sizes.keys()].sort()) out += `${k}:\t${sizes.get(k)} bytes\n`;
  return out;
}

function describeConfigMap(c: Cluster, o: KObject): string {
  const cm = asKind(o, 'ConfigMap');
  if (!cm) return '';
  let s = named(c, cm) + meta(cm) + '\nData\n====\n';
  // kubectl walks the map in Go's random order; the built-in sorts the keys.
  const data = cm.data ?? {};
  for (const k of sortedKeys(data)) s += `${k}:\n----\n${data[k]}\n\n`;
  s += '\nBinaryData\n====\n';
  const binary = cm.binaryData ?? {};
  for (const k of sortedKeys(binary)) s += `${k}: ${base64Bytes(binary[k])} bytes\n`;
  return s + '\n' + eventsBlock(c, cm);
}

function describeNamespace(_c: Cluster, ns: KObject): string {
  let s = `Name:\t${ns.metadata.name}\n` + meta(ns) + `Status:\t${ns.status?.phase ?? ''}\n`;
  s += '\nNo resource quota.\n\nNo LimitRange resource.\n';
  return s;
}

const SHORT_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

function describePvc(c: Cluster, pvc: KObject): string {
  const spec = pvc.spec ?? {};
  const bound = !!spec.volumeName;
  let s = named(c, pvc) + `StorageClass:\t${spec.storageClassName ?? ''}\nStatus:\t${pvc.status?.phase ?? 'Pending'}\nVolume:\t${spec.volumeName ?? ''}\n`;
  s += meta(pvc) + `Finalizers:\t[${(pvc.metadata.finalizers ?? []).join(' ')}]\n`;
  s += `Capacity:\t${bound ? (pvc.status?.capacity?.storage ?? '') : ''}\n`;
  s += `Access Modes:\t${bound ? (pvc.status?.accessModes ?? []).map((m: string) => SHORT_MODES[m] ?? m).join(',') : ''}\n`;
  if (spec.volumeMode) s += `VolumeMode:\t${spec.volumeMode}\n`;
  const users = c
    .list('Pod')
    .filter((p) => (p.metadata.namespace ?? 'default') === (pvc.metadata.namespace ?? 'default'))
    .filter((p) => (p.spec?.volumes ?? []).some((v: Volume) => v.persistentVolumeClaim?.claimName === pvc.metadata.name))
    .map((p) => p.metadata.name)
    .sort();
  s += users.length ? users.map((n, i) => `${i ? '\t' : 'Used By:\t'}${n}\n`).join('') : 'Used By:\t<none>\n';
  return s + eventsBlock(c, pvc);
}

function describeEndpoints(c: Cluster, o: KObject): string {
  const ep = asKind(o, 'Endpoints');
  if (!ep) return '';
  let s = named(c, ep) + meta(ep) + 'Subsets:\n';
  for (const sub of ep.subsets ?? []) {
    const ips = (list: EndpointAddress[] | undefined) => (list ?? []).map((a) => a.ip).join(',') || '<none>';
    s += `  Addresses:\t${ips(sub.addresses)}\n  NotReadyAddresses:\t${ips(sub.notReadyAddresses)}\n`;
    if (sub.ports?.length) {
      s += '  Ports:\n    Name\tPort\tProtocol\n    ----\t----\t--------\n';
      for (const p of sub.ports) s += `    ${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`;
    }
    s += '\n';
  }
  return s + eventsBlock(c, ep);
}

export const CONFIG_DESCRIBERS: Record<string, (c: Cluster, o: KObject) => string> = {
  Secret: describeSecret,
  ConfigMap: describeConfigMap,
  Namespace: describeNamespace,
  PersistentVolumeClaim: describePvc,
  Endpoints: describeEndpoints,
};
