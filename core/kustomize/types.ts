// Shared types of the Kustomize renderer. The renderer is pure: it reads files through a
// `KustomizeReader` that the caller supplies (the CLI reads the disk, the language server its
// workspace and open documents, a browser whatever it holds). Paths are POSIX-style and absolute
// in the reader's own namespace ("/repo/overlays/prod").
import { t } from '../i18n/index';
import type { ParsedFile } from '../manifest/parse';
import type { Msg, Path } from '../manifest/types';

export interface KustomizeReader {
  /** The text of a file, or undefined when there is no such file. */
  readFile(path: string): string | undefined;
  /** true when `path` is a folder. */
  isDir(path: string): boolean;
  /** The file already parsed (the workspace holds it), so a render does not parse it again. */
  parsed?(path: string): ParsedFile | undefined;
}

/** Where something in the rendered output came from: a YAML path inside one document of one file. */
export interface SourceRef {
  file: string;
  /** The document's index in the file (all `---` documents counted, as core/manifest counts them). */
  doc: number;
  /** The path inside that document (e.g. ['commonLabels', 'env'] in a kustomization). */
  at: Path;
}

/** A field of a rendered object that a kustomization step set or changed. */
export interface FieldOrigin {
  /** The path in the rendered object. */
  path: Path;
  source: SourceRef;
}

export interface RenderedObject {
  obj: Record<string, unknown>;
  /** The document the object was read from (a resource file), or the generator entry in a kustomization. */
  origin: SourceRef & {
    /** ['items', i] when the object came from a `kind: List`. */
    basePath: Path;
    /** true for ConfigMaps and Secrets made by a generator. */
    generated?: boolean;
  };
  /** Fields set by the kustomizations on the way (namespace, labels, images, patches…), outermost last. */
  fields: FieldOrigin[];
}

export interface RenderResult {
  objects: RenderedObject[];
  /** Every file the render read (kustomizations, resources, patches, generator inputs). */
  files: string[];
  /** Files used as patches: partial objects, not to be validated as manifests. */
  patchFiles: string[];
  /** Kustomization files that were read (the root first). */
  kustomizations: string[];
}

/** A clear, expected failure (missing file, cycle, bad patch target…), never a crash. */
export class KustomizeError extends Error {
  constructor(
    /** The message, rendered in the reader's language with core/i18n's t(). */
    readonly msg: Msg,
    /** The file the problem is in, when known. */
    readonly file?: string,
    /** The path inside that file, when known. */
    readonly at?: Path,
  ) {
    super(t(msg, 'en'));
    this.name = 'KustomizeError';
  }
}

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
