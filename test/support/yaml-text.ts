// Writing YAML inside tests: a template tag that strips the common indentation, so a manifest can
// be written indented with the code around it.

/** Strips the common indentation of a template literal (so YAML can be written indented in tests). */
export function y(strings: TemplateStringsArray, ...vals: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < vals.length ? String(vals[i]) : ''), '');
  const lines = raw
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
