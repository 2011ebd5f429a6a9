// The real-manifest corpus (shared/corpus/kubernetes-examples) and the project's examples, for tests.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus', 'kubernetes-examples');

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

let cache: CorpusFile[] | undefined;
export function corpusFiles(): CorpusFile[] {
  if (!cache) {
    cache = walk(corpusRoot).map((p) => ({ path: p, rel: path.relative(corpusRoot, p), uri: pathToFileURL(p).href, text: readFileSync(p, 'utf8') }));
  }
  return cache;
}

export function exampleFiles(sub = ''): CorpusFile[] {
  const base = path.join(repoRoot, 'examples', sub);
  return walk(base).map((p) => ({ path: p, rel: path.relative(base, p), uri: pathToFileURL(p).href, text: readFileSync(p, 'utf8') }));
}
