// The Kustomize renderer's file reader over the local disk (the core renderer reads through an
// interface; this is the Node side of it), and the helpers the CLI verbs share for kustomizations.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeKustomizeReader } from '../language-server/src/file-system';
import { KUSTOMIZATION_NAMES, KustomizeError, renderKustomization, type KustomizeReader } from '../core/kustomize/index';

/** Reads files from disk (the language server's reader): POSIX paths, the renderer's namespace. */
export const diskReader: KustomizeReader = nodeKustomizeReader;

/** The folder a path names as a kustomization (the folder itself, or a kustomization file's folder), if it is one. */
export function kustomizationDir(p: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return undefined;
  }
  if (st.isFile()) return KUSTOMIZATION_NAMES.includes(path.basename(p)) ? path.dirname(p) : undefined;
  return KUSTOMIZATION_NAMES.some((n) => fs.existsSync(path.join(p, n))) ? p : undefined;
}

/**
 * The files `lint` reads for `paths`: the collected ones, plus every manifest a collected
 * kustomization renders from (its bases may live outside the given paths), so that
 * `kube-dorm lint overlays/prod` checks the base as the overlay renders it.
 */
export function withKustomizeInputs(files: readonly string[], isManifestFile: (p: string) => boolean): string[] {
  const out = [...files];
  const seen = new Set(out);
  for (const f of files) {
    if (!KUSTOMIZATION_NAMES.includes(path.basename(f))) continue;
    let read: string[];
    try {
      read = renderKustomization(diskReader, path.dirname(f)).files;
    } catch (e) {
      if (e instanceof KustomizeError) continue; // reported as kustomize-build on the kustomization
      throw e;
    }
    for (const p of read) {
      if (seen.has(p) || !isManifestFile(p)) continue;
      seen.add(p);
      out.push(p);
    }
  }
  return out;
}
