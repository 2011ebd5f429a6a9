// node:path and node:url in the browser bundles (scripts/build.mjs aliases them here): the few
// calls the server uses, on '/'-separated paths (browser-fs.ts's paths) and on URI strings
// (the rules' pages beside the extension: `scheme://authority` stays as it is).

export const sep = '/';

const SCHEME = /^[a-z][\w+.-]*:\/\/[^/]*/i;

/** Joins and normalises ('.', '..', repeated '/'); a leading `scheme://authority` is kept. */
export function join(...parts: string[]): string {
  const all = parts.filter((p) => p !== '').join('/');
  const prefix = SCHEME.exec(all)?.[0] ?? '';
  const rest = all.slice(prefix.length);
  const out: string[] = [];
  for (const seg of rest.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rest.startsWith('/') && !prefix) out.push('..');
    } else out.push(seg);
  }
  const body = out.join('/');
  return prefix || rest.startsWith('/') ? `${prefix}/${body}` : body || '.';
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** node:url's pathToFileURL: a URI string stays as it is. */
export function pathToFileURL(p: string): { href: string } {
  return { href: SCHEME.test(p) ? p : `file://${encodeURI(p)}` };
}

export default { sep, join, dirname, basename };
