// The workspace index: every parsed manifest file, and the resources in them by kind, kept up to
// date incrementally (a changed file is re-parsed alone; other files are untouched).
import { parseFile, type ParsedFile, type Resource } from '../manifest/parse';

export class Workspace {
  private readonly files = new Map<string, ParsedFile>();
  private readonly kindIndex = new Map<string, Set<Resource>>();
  /** Bumped on every change: caches keyed on it stay correct. */
  version = 0;
  /**
   * CRDs known from outside the workspace (the connected cluster's, see ./cluster.ts): parsed, but
   * not one of the files. They only extend the CRD index (after the workspace's own CRDs), so no
   * rule, symbol or diagnostic ever sees them as the user's manifests.
   */
  private outside: ParsedFile | undefined;
  private outsideList: readonly Resource[] = [];

  /** Parses `text` as the new content of `uri` and re-indexes it. */
  set(uri: string, text: string): ParsedFile {
    const old = this.files.get(uri);
    if (old && old.text === text) return old;
    if (old) this.unindex(old);
    const parsed = parseFile(uri, text, old); // old is dropped: its unchanged documents are reused
    this.files.set(uri, parsed);
    for (const r of parsed.resources) {
      let set = this.kindIndex.get(r.kind);
      if (!set) this.kindIndex.set(r.kind, (set = new Set()));
      set.add(r);
    }
    this.version++;
    return parsed;
  }

  /**
   * Adds a file parsed elsewhere, as is (a rendered kustomization's objects, which keep pointing at
   * their source documents). It replaces whatever `file.uri` held.
   */
  setParsed(file: ParsedFile): void {
    this.delete(file.uri);
    this.files.set(file.uri, file);
    for (const r of file.resources) {
      let set = this.kindIndex.get(r.kind);
      if (!set) this.kindIndex.set(r.kind, (set = new Set()));
      set.add(r);
    }
    this.version++;
  }

  delete(uri: string): boolean {
    const old = this.files.get(uri);
    if (!old) return false;
    this.unindex(old);
    this.files.delete(uri);
    this.version++;
    return true;
  }

  rename(oldUri: string, newUri: string): void {
    const old = this.files.get(oldUri);
    if (!old) return;
    this.delete(oldUri);
    this.set(newUri, old.text);
  }

  get(uri: string): ParsedFile | undefined {
    return this.files.get(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  get size(): number {
    return this.files.size;
  }

  /** All resources of a kind across the workspace (any file, any document, any order). */
  byKind(kind: string): Iterable<Resource> {
    return this.kindIndex.get(kind) ?? [];
  }

  *resources(): Iterable<Resource> {
    for (const f of this.files.values()) yield* f.resources;
  }

  /** Resources of `kind` named `name` in `namespace` (undefined namespace = "default"). */
  find(kind: string, name: string, namespace: string | undefined): Resource[] {
    const ns = namespace ?? 'default';
    const out: Resource[] = [];
    for (const r of this.byKind(kind)) if (r.name === name && (r.namespace ?? 'default') === ns) out.push(r);
    return out;
  }

  /** Replaces the CRDs known from outside the workspace (`undefined` forgets them). */
  setOutsideCrds(uri: string | undefined, text = ''): void {
    if (uri === undefined) {
      if (!this.outside) return;
      this.outside = undefined;
      this.outsideList = [];
    } else {
      if (this.outside?.uri === uri && this.outside.text === text) return;
      this.outside = parseFile(uri, text);
      this.outsideList = this.outside.resources.filter((r) => r.kind === 'CustomResourceDefinition');
    }
    this.version++;
  }

  /** The CustomResourceDefinitions known from outside the workspace (the same array until they change). */
  outsideCrds(): readonly Resource[] {
    return this.outsideList;
  }

  private unindex(file: ParsedFile): void {
    for (const r of file.resources) this.kindIndex.get(r.kind)?.delete(r);
  }
}
