// The kubectl box's output, and the apply result above the dorm (what `kubectl apply` printed,
// the refusals with a button that opens the line to fix).
import type { ApplySummary } from '../protocol/panel';
import { button, clear, el } from '../shared/dom';
import type { PanelContext } from './context';

/** Shows a command's output; the rooms the host names as having answered (a request) light up. */
export function showOutput(ctx: PanelContext, text: string, error: boolean, answered: string[] = []): void {
  const { output } = ctx.ui;
  output.textContent = text;
  output.classList.toggle('error', error);
  for (const id of new Set(answered)) {
    const r = ctx.podEls.get(id);
    if (!r) continue;
    r.classList.remove('answered');
    void r.offsetWidth;
    r.classList.add('answered');
    r.dataset.answered = String(Number(r.dataset.answered ?? 0) + 1);
  }
}

export function renderApply(ctx: PanelContext, a: ApplySummary | undefined): void {
  const { apply } = ctx.ui;
  const { L } = ctx;
  clear(apply);
  if (!a) return;
  apply.dataset.refused = String(a.refusals.length > 0);
  if (a.refusals.length) {
    apply.append(el('p', { className: 'refused-title', text: L('panel.refused') }));
    const list = el('ul', { className: 'refusals' });
    for (const r of a.refusals) {
      const li = el(
        'li',
        { className: 'refusal', 'data-kind': 'refusal', 'data-line': r.line === undefined ? undefined : r.line + 1, 'data-code': r.code },
        el('code', { text: r.text }),
      );
      if (r.uri && r.line !== undefined) {
        const uri = r.uri;
        const line = r.line;
        li.append(
          ' ',
          button(L('panel.openLine', { line: line + 1 }), () => ctx.host.post({ type: 'openLocation', uri, line }), { className: 'btn link' }),
        );
      }
      list.append(li);
    }
    apply.append(list);
  }
  if (a.lines.length) apply.append(el('pre', { className: 'applied', text: a.lines.join('\n') }));
  if (a.notSimulated.length) apply.append(el('p', { className: 'muted', text: a.notSimulated.join('\n') }));
}
