// Where a cluster object came from: the manifest resource (file, document) that made it, found by
// kind/namespace/name, or for a pod by walking its controllers up to the one written in a file
// (Pod → ReplicaSet → Deployment, Pod → Job → CronJob). Lines and columns are 1-based, as editors
// and `file:line:column` show them.
import { rangeOf, type Resource } from '../manifest/parse';
import type { Path } from '../manifest/types';
import { isClusterScopedKind } from '../k8s/kinds';
import { podSpecPath } from '../k8s/podspec';
import { Workspace } from '../workspace/index';
import type { Cluster } from './cluster';
import { controllerOf, type KObject } from './store';

export interface Place {
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 code units). */
  column: number;
}

/** A resource and the path in it of the spec that made an object (a PodSpec, a JobSpec, a claim's spec). */
export interface Origin {
  res: Resource;
  spec: Path;
}

export class Sources {
  private readonly byKey = new Map<string, Resource>();
  /** The files, parsed once: the quick fixes lint this same workspace. */
  readonly ws = new Workspace();

  constructor(files: readonly { uri: string; text: string }[]) {
    for (const f of files) {
      for (const r of this.ws.set(f.uri, f.text).resources) {
        if (!r.name) continue;
        this.byKey.set(key(r.kind, isClusterScopedKind(r.kind) ? '' : (r.namespace ?? 'default'), r.name), r);
      }
    }
  }

  find(kind: string, namespace: string | undefined, name: string): Resource | undefined {
    return this.byKey.get(key(kind, isClusterScopedKind(kind) ? '' : (namespace ?? 'default'), name));
  }

  /** The resource whose document holds 0-based `line` of `uri`. */
  resourceAt(uri: string, line: number): Resource | undefined {
    const file = this.ws.get(uri);
    if (!file) return undefined;
    const off = file.lines.lineStart(line);
    return file.resources.find((r) => r.uri === uri && r.doc.start <= off && off < r.doc.end);
  }

  /** The resource a pod was written as (itself, or the first of its controllers found in a file), with its PodSpec's path there. */
  podOrigin(c: Cluster, pod: KObject): Origin | undefined {
    let o: KObject | undefined = pod;
    for (let guard = 0; o && guard < 5; guard++) {
      const res = this.find(o.kind, o.metadata.namespace, o.metadata.name);
      const spec = res && podSpecPath(res.kind);
      if (res && spec) return { res, spec };
      const ref = controllerOf(o);
      o = ref ? c.get(ref.kind, o.metadata.namespace, ref.name) : undefined;
    }
    return undefined;
  }

  /** The place of `path` in `res` (its key; the deepest existing key when the path is missing). */
  at(res: Resource, path: Path): Place {
    const elsewhere = res.locate?.(path, 'key');
    const uri = elsewhere?.uri ?? res.uri;
    const range = elsewhere?.range ?? rangeOf(res, path, 'key');
    return { file: uri, line: range.start.line + 1, column: range.start.character + 1 };
  }

  /** The place of `rel` under an origin's spec; nothing when the object was not written in a file. */
  within(o: Origin | undefined, rel: Path): Partial<Place> {
    return o ? this.at(o.res, [...o.spec, ...rel]) : {};
  }
}

/** The object a chain is about. */
export function subjectOf(o: KObject): { kind: string; namespace?: string; name: string } {
  return { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name };
}

function key(kind: string, ns: string, name: string): string {
  return `${kind}/${ns}/${name}`;
}
