// The `kubectl get` view: one table per kind, drawn only while the view shows and only when the
// host sent new rows.
import { el } from '../shared/dom';
import type { PanelContext } from './context';

export function renderTables(ctx: PanelContext): void {
  const { ui } = ctx;
  if (ui.tables.hidden || !ctx.tablesDirty) return;
  ctx.tablesDirty = false;
  const parts: HTMLElement[] = [];
  for (const tb of ctx.model.tables.values()) {
    const table = el('table', { className: 'kubectl', 'data-kind': 'table', 'data-table': tb.kind });
    table.append(el('thead', {}, el('tr', {}, ...tb.header.map((h) => el('th', { scope: 'col', text: h })))));
    const body = el('tbody');
    for (const r of tb.rows) body.append(el('tr', {}, ...r.map((cell) => el('td', { text: cell }))));
    table.append(body);
    parts.push(el('section', {}, el('h3', { className: 'mono', text: `$ kubectl get ${tb.kind.toLowerCase()}s` }), table));
  }
  ui.tables.replaceChildren(...parts);
}
