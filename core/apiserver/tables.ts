// Server-side `meta.k8s.io/v1 Table` responses built with the same printers as
// `kube-dorm simulate --format table` (core/kubectl/printers.ts).
import type { Cluster } from '../cluster/cluster';
import { asKind, type KObject } from '../cluster/store';
import type { MetricSpec, MetricStatus } from '../k8s/types';
import { humanDuration } from '../cluster/clock';
import { eventAge, PRINTERS } from '../kubectl/printers';
import type { ResourceDef } from '../k8s/registry';
import { customTable, isCustomDef } from './crds';

export interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

const DESCRIPTIONS: Record<string, string> = {
  NAME: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  AGE: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
};

function col(name: string, priority = 0): Column {
  const type = ['DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'DATA', 'ACTIVE'].includes(name) && name !== 'READY' ? 'integer' : 'string';
  return {
    name: name === 'NAME' ? 'Name' : name.charAt(0) + name.slice(1).toLowerCase(),
    type,
    format: name === 'NAME' ? 'name' : '',
    description: DESCRIPTIONS[name] ?? name.toLowerCase(),
    priority,
  };
}

/** Columns and a row function for a kind (NAME + AGE for kinds without a printer). */
function tableFor(kind: string): { columns: Column[]; row(c: Cluster, o: KObject): unknown[] } {
  if (kind === 'Event') {
    return {
      columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']
        .map((n) => col(n))
        .concat(['SUBOBJECT', 'SOURCE', 'FIRST SEEN', 'COUNT', 'NAME'].map((n) => col(n, 1))),
      row: (c, o) => {
        const e = asKind(o, 'Event');
        if (!e) return [o.metadata.name];
        const last = c.msOf(e.lastTimestamp) ?? 0;
        const first = c.msOf(e.firstTimestamp) ?? last;
        // printers.go printEvent: LAST SEEN is the last sighting; the count has its own wide column.
        const seen = eventAge(c.now, { first, last, count: e.count ?? 1 }, false);
        return [
          seen,
          e.type,
          e.reason,
          `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`,
          e.message,
          '',
          e.source?.component ?? '',
          humanDuration(c.now - first),
          e.count ?? 1,
          e.metadata.name,
        ];
      },
    };
  }
  if (kind === 'HorizontalPodAutoscaler') {
    return {
      columns: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'].map((n) => col(n)),
      row: (c, o) => {
        const ref = o.spec?.scaleTargetRef ?? {};
        const targets = (o.spec?.metrics ?? []).map((m?: MetricSpec) => {
          const r = m?.resource;
          if (!r) return `<unknown>/${m?.type ?? '?'}`;
          const want = r.target?.averageUtilization !== undefined ? `${r.target.averageUtilization}%` : (r.target?.averageValue ?? r.target?.value ?? '');
          const cur = (o.status?.currentMetrics ?? []).find((x?: MetricStatus) => x?.resource?.name === r.name)?.resource?.current?.averageUtilization;
          return `${r.name}: ${cur === undefined ? '<unknown>' : cur + '%'}/${want}`;
        });
        return [
          o.metadata.name,
          `${ref.kind ?? ''}/${ref.name ?? ''}`,
          targets.join(', ') || '<none>',
          o.spec?.minReplicas ?? 1,
          o.spec?.maxReplicas ?? 0,
          o.status?.currentReplicas ?? 0,
          humanDuration(c.now - (c.msOf(o.metadata.creationTimestamp) ?? 0)),
        ];
      },
    };
  }
  const pr = PRINTERS[kind];
  if (!pr) return { columns: [col('NAME'), col('AGE')], row: (c, o) => [o.metadata.name, humanDuration(c.now - (c.msOf(o.metadata.creationTimestamp) ?? 0))] };
  return {
    columns: [...pr.header.map((h) => col(h)), ...(pr.wide ?? []).map((h) => col(h, 1))],
    row: (c, o) => [...pr.row(c, o), ...(pr.wideRow ? pr.wideRow(c, o) : [])],
  };
}

function partialMeta(o: KObject): unknown {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

/** A Table of `objs`; `include` is the includeObject parameter (None | Metadata | Object). */
export function toTable(c: Cluster, def: ResourceDef, objs: KObject[], resourceVersion: string, include = 'Metadata', noHeaders = false): unknown {
  // A custom kind's columns are its CRD's printer columns.
  const t = isCustomDef(def) ? customTable(def) : tableFor(def.kind);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: noHeaders ? null : t.columns,
    rows: objs.map((o) => ({ cells: t.row(c, o), object: include === 'None' ? null : include === 'Object' ? o : partialMeta(o) })),
  };
}
