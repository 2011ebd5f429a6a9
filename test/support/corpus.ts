// The real-manifest corpus and the project's examples, for tests. The full corpus
// (../shared/corpus/kubernetes-examples beside the repository) is optional: tests that read all
// of it skip with `corpusSkip`; the few real files the project's own tests need are copied into
// test/fixtures/corpus/ with their corpus paths.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(__dirname, '..', '..');
/** The full corpus: beside the repository, or where KUBE_DORM_CORPUS points. */
export const corpusRoot = path.resolve(process.env.KUBE_DORM_CORPUS ?? path.join(repoRoot, '..', 'shared', 'corpus', 'kubernetes-examples'));

/** `skip` option for a test that needs the full corpus: false when it is there, else the reason. */
export const corpusSkip: string | false = existsSync(corpusRoot) ? false : `corpus not found at ${corpusRoot}`;

/** Real manifests copied from the corpus (same relative paths), always present. */
export const fixtureCorpusRoot = path.join(repoRoot, 'test', 'fixtures', 'corpus');

export function walk(dir: string, exts = ['.yaml', '.yml', '.json']): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name === 'node_modules' || name === '.git') continue;
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (exts.includes(path.extname(name).toLowerCase())) out.push(p);
    }
  };
  if (existsSync(dir)) visit(dir);
  return out;
}

export interface CorpusFile {
  path: string;
  rel: string;
  uri: string;
  text: string;
}

function read(base: string): CorpusFile[] {
  return walk(base).map((p) => ({ path: p, rel: path.relative(base, p), uri: pathToFileURL(p).href, text: readFileSync(p, 'utf8') }));
}

let cache: CorpusFile[] | undefined;
/** Every manifest of the full corpus (none when it is absent: check `corpusSkip`). */
export function corpusFiles(): CorpusFile[] {
  cache ??= read(corpusRoot);
  return cache;
}

/** The corpus files copied into test/fixtures/corpus/. */
export function fixtureCorpusFiles(): CorpusFile[] {
  return read(fixtureCorpusRoot);
}

export function exampleFiles(sub = ''): CorpusFile[] {
  return read(path.join(repoRoot, 'examples', sub));
}
