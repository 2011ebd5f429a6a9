// Shared by the robustness tests and `npm run fuzz`: input mutations and the checks every
// linter answer must pass.
import assert from 'node:assert/strict';
import type { KDiagnostic } from '../../core/manifest/types';
import { LineIndex } from '../../core/manifest/lines';

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

/** Every diagnostic is well-formed, inside the text, and no rule failed. */
export function checkDiagnostics(text: string, diags: KDiagnostic[], label: string): void {
  assert.ok(Array.isArray(diags), label);
  const lines = new LineIndex(text);
  for (const d of diags) {
    assert.ok(SEVERITIES.has(d.severity), `${label}: severity ${d.severity}`);
    assert.equal(typeof d.code, 'string');
    assert.notEqual(d.code, 'internal-error', `${label}: a rule threw: ${JSON.stringify(d.message.args)}`);
    const { start, end } = d.range;
    assert.ok(start.line >= 0 && start.line < lines.lineCount, `${label}: ${d.code} start line ${start.line}`);
    assert.ok(end.line >= start.line && end.line < lines.lineCount, `${label}: ${d.code} end line ${end.line}`);
    assert.ok(start.character >= 0 && end.character >= 0, `${label}: ${d.code} characters`);
    if (end.line === start.line) assert.ok(end.character >= start.character, `${label}: ${d.code} empty-backwards range`);
  }
}

const SNIPPETS = [
  '\n',
  ':',
  ': ',
  '- ',
  '  ',
  '\t',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '&a ',
  '*a',
  '<<: *a\n',
  '---\n',
  '...\n',
  '#',
  '|\n',
  '>-\n',
  '\u0000',
  '\uFEFF',
  '\r\n',
  '\u202e',
  '{{ .Values.x }}',
  'null',
  '~',
  '1e999',
  '-0',
  '0x1F',
  '0o17',
  '.inf',
  'yes',
  '!!binary ',
  '!!str ',
  '? ',
  'apiVersion: v1\n',
  'kind: Pod\n',
  'kind: List\nitems:\n',
  '  containers: []\n',
  '%YAML 1.2\n',
];

/** Deterministic mutations from a list of naturals: delete, duplicate, insert snippets, swap lines. */
export function mutate(text: string, ops: number[]): string {
  let s = text;
  for (const op of ops) {
    const at = s.length ? op % (s.length + 1) : 0;
    switch (op % 6) {
      case 0:
        s = s.slice(0, at) + s.slice(Math.min(s.length, at + 1 + (op % 40)));
        break;
      case 1:
        s = s.slice(0, at) + SNIPPETS[op % SNIPPETS.length] + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at) + s.slice(at, at + 1 + (op % 80)) + s.slice(at);
        break;
      case 3: {
        const lines = s.split('\n');
        const i = op % Math.max(1, lines.length);
        const j = (op >> 3) % Math.max(1, lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        s = lines.join('\n');
        break;
      }
      case 4: {
        const lines = s.split('\n');
        const i = op % Math.max(1, lines.length);
        lines[i] = (op & 8 ? '  ' : '') + (lines[i] ?? '').trimStart();
        s = lines.join('\n');
        break;
      }
      default:
        s = s.slice(0, at) + String.fromCharCode(op % 0x3000) + s.slice(at);
        break;
    }
  }
  return s;
}
