// In-memory file trees for the Kustomize renderer's core tests (the renderer never touches the disk),
// and the KustomizeError a tree fails with.
import assert from 'node:assert/strict';
import { KustomizeError, renderKustomization, type KustomizeReader } from '../../core/kustomize/index';

/** An in-memory file tree. */
export function memory(files: Record<string, string>): KustomizeReader {
  const dirs = new Set<string>();
  for (const p of Object.keys(files)) for (let d = p.slice(0, p.lastIndexOf('/')); d; d = d.slice(0, d.lastIndexOf('/'))) dirs.add(d);
  return { readFile: (p) => files[p], isDir: (p) => dirs.has(p) };
}

/** The KustomizeError rendering `dir` fails with (the test fails if it builds). */
export function failure(files: Record<string, string>, dir = '/k'): KustomizeError {
  try {
    renderKustomization(memory(files), dir);
  } catch (e) {
    if (e instanceof KustomizeError) return e;
    throw e;
  }
  assert.fail('expected a KustomizeError');
}
