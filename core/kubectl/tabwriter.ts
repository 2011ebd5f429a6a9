// Go's text/tabwriter as `kubectl describe` sets it up (minwidth 0, padding 2, no flags): text
// whose cells end with a tab; a column is aligned over each run of consecutive lines that have a
// cell in it, so a line without a tab ends every column block above it.

/** Aligns tab-terminated cells of `text` the way kubectl describe's output is aligned. */
export function tabwrite(text: string, padding = 2): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];
  const write = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      out[i] = cells.map((c, j) => (j < cells.length - 1 && j < widths.length ? c.padEnd(widths[j]) : c)).join('');
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      write(line0, i);
      line0 = i;
      let width = 0;
      for (; i < line1 && column < lines[i].length - 1; i++) width = Math.max(width, [...lines[i][column]].length + padding);
      widths.push(width);
      format(line0, i);
      widths.pop();
      line0 = i;
      i--;
    }
    write(line0, line1);
  };
  format(0, lines.length);
  return out.join('\n');
}
