// kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath), enough for what learners type:
// text with `{…}` actions; paths `.a.b`, `['a.b']`, `[n]`, `[a:b]`, `[*]`, `.*`, `..name`,
// filters `[?(@.x=="y")]` (==, !=, <, <=, >, >=, or existence); `{range …}…{end}`; string
// literals `{"\n"}`. Missing keys print nothing (kubectl's default --allow-missing-template-keys).
// Several results of one action are joined with spaces; maps and lists print as compact JSON.
import { isObj, scalarText } from '../k8s/guards';

type Node = unknown;
type Part = { text: string } | { path: string } | { range: string; body: Part[] };

/** Thrown for a template kubectl also refuses (its message is kubectl's). */
export class JsonPathError extends Error {}

/** Evaluates a template against `data`. */
export function jsonpath(template: string, data: unknown): string {
  return render(parseTemplate(template), [data]);
}

/** The values a single path selects from `data` (custom-columns uses this). */
export function select(path: string, data: unknown): Node[] {
  return evalPath(path.trim(), [data]);
}

function parseTemplate(src: string): Part[] {
  const root: Part[] = [];
  const stack: Part[][] = [root];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{', i);
    if (open < 0) {
      stack.at(-1)!.push({ text: src.slice(i) });
      break;
    }
    if (open > i) stack.at(-1)!.push({ text: src.slice(i, open) });
    const close = findClose(src, open);
    if (close < 0) throw new JsonPathError(`unclosed action`);
    const action = src.slice(open + 1, close).trim();
    i = close + 1;
    if (action.startsWith('range ')) {
      const r: Part = { range: action.slice(6).trim(), body: [] };
      stack.at(-1)!.push(r);
      stack.push(r.body);
    } else if (action === 'end') {
      if (stack.length < 2) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else for (const word of splitWords(action)) stack.at(-1)!.push(/^["']/.test(word) ? { text: unquote(word) } : { path: word });
  }
  return root;
}

/** The `}` closing the action at `open`, skipping quoted strings. */
function findClose(src: string, open: number): number {
  let q = '';
  for (let j = open + 1; j < src.length; j++) {
    const ch = src[j];
    if (q) {
      if (ch === '\\') j++;
      else if (ch === q) q = '';
    } else if (ch === '"' || ch === "'") q = ch;
    else if (ch === '}') return j;
  }
  return -1;
}

/** An action's words: paths and string literals separated by spaces (not inside quotes or brackets). */
function splitWords(action: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = '';
  let depth = 0;
  for (let j = 0; j < action.length; j++) {
    const ch = action[j];
    if (q) {
      cur += ch;
      if (ch === '\\') cur += action[++j] ?? '';
      else if (ch === q) q = '';
      continue;
    }
    if (ch === '"' || ch === "'") q = ch;
    if (ch === '[' || ch === '(') depth++;
    if (ch === ']' || ch === ')') depth--;
    if (/\s/.test(ch) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function unquote(s: string): string {
  const body = s.slice(1, -1);
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function render(parts: Part[], cur: Node[]): string {
  let out = '';
  for (const p of parts) {
    if ('text' in p) out += p.text;
    else if ('path' in p) out += evalPath(p.path, cur).map(show).join(' ');
    else for (const item of evalPath(p.range, cur)) out += render(p.body, [item]);
  }
  return out;
}

/** How a selected value prints: strings raw, maps and lists as compact JSON. */
export const show: (v: Node) => string = scalarText;

/** A JSON object's members are Nodes themselves. */
const isMap = (v: Node): v is Record<string, Node> => isObj(v);

function evalPath(path: string, start: Node[]): Node[] {
  let p = path;
  if (p.startsWith('$')) p = p.slice(1);
  else if (p.startsWith('@')) p = p.slice(1);
  let cur = start;
  let i = 0;
  while (i < p.length) {
    if (p.startsWith('..', i)) {
      const m = /^[\w-]+|^\*/.exec(p.slice(i + 2));
      const name = m?.[0] ?? '';
      cur = cur.flatMap((n) => descend(n)).flatMap((n) => child(n, name));
      i += 2 + name.length;
    } else if (p[i] === '.') {
      const m = /^(?:[\w-]+|\*)?/.exec(p.slice(i + 1))!;
      if (m[0]) cur = cur.flatMap((n) => child(n, m[0]));
      i += 1 + m[0].length;
    } else if (p[i] === '[') {
      const close = bracketEnd(p, i);
      cur = applyBracket(p.slice(i + 1, close), cur);
      i = close + 1;
    } else {
      const m = /^[\w-]+/.exec(p.slice(i));
      if (!m) throw new JsonPathError(`unrecognized character in action: ${p.slice(i)}`);
      cur = cur.flatMap((n) => child(n, m[0]));
      i += m[0].length;
    }
  }
  return cur;
}

function bracketEnd(p: string, open: number): number {
  let depth = 0;
  let q = '';
  for (let j = open; j < p.length; j++) {
    const ch = p[j];
    if (q) {
      if (ch === q) q = '';
    } else if (ch === '"' || ch === "'") q = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return j;
  }
  throw new JsonPathError('unterminated array');
}

function child(n: Node, name: string): Node[] {
  if (name === '*')
    return isMap(n)
      ? Object.keys(n)
          .sort()
          .map((k) => n[k])
      : Array.isArray(n)
        ? n
        : [];
  if (isMap(n) && Object.hasOwn(n, name)) return [n[name]];
  return [];
}

function descend(n: Node): Node[] {
  const out: Node[] = [n];
  if (Array.isArray(n)) for (const x of n) out.push(...descend(x));
  else if (isMap(n)) for (const k of Object.keys(n).sort()) out.push(...descend(n[k]));
  return out;
}

function applyBracket(inner: string, cur: Node[]): Node[] {
  const s = inner.trim();
  if (s === '*') return cur.flatMap((n) => (Array.isArray(n) ? n : isMap(n) ? child(n, '*') : []));
  if (/^["'].*["']$/.test(s)) return cur.flatMap((n) => child(n, s.slice(1, -1)));
  if (s.startsWith('?(') && s.endsWith(')')) return cur.flatMap((n) => (Array.isArray(n) ? n.filter((x) => matches(s.slice(2, -1), x)) : []));
  const slice = /^(-?\d*)(?::(-?\d*))?(?::(-?\d+))?$/.exec(s);
  if (!slice) throw new JsonPathError(`invalid array index ${s}`);
  return cur.flatMap((n) => {
    if (!Array.isArray(n)) return [];
    const len = n.length;
    const norm = (v: string | undefined, d: number) =>
      v === undefined || v === '' ? d : Number(v) < 0 ? Math.max(0, len + Number(v)) : Math.min(len, Number(v));
    if (slice[2] === undefined) {
      const k = norm(slice[1], 0);
      return k < len ? [n[k]] : [];
    }
    const step = Number(slice[3] ?? 1) || 1;
    const out: Node[] = [];
    for (let k = norm(slice[1], 0); k < norm(slice[2], len); k += step) out.push(n[k]);
    return out;
  });
}

function matches(expr: string, item: Node): boolean {
  const m = /^(.+?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(expr.trim());
  const left = (path: string) => (path.startsWith('@') ? evalPath(path, [item]) : [literal(path)]);
  if (!m) return evalPath(expr.trim(), [item]).length > 0;
  const [a, b] = [left(m[1].trim()), left(m[3].trim())];
  if (!a.length || !b.length) return false;
  const [x, y] = [a[0], b[0]];
  switch (m[2]) {
    case '==':
      return String(x) === String(y);
    case '!=':
      return String(x) !== String(y);
    case '<':
      return Number(x) < Number(y);
    case '<=':
      return Number(x) <= Number(y);
    case '>':
      return Number(x) > Number(y);
    default:
      return Number(x) >= Number(y);
  }
}

function literal(s: string): Node {
  if (/^["'].*["']$/.test(s)) return s.slice(1, -1);
  return Number.isFinite(Number(s)) ? Number(s) : s;
}
