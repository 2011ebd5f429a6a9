// The timeline: each event told twice, as `kubectl get events` would print it and as a dorm
// story; the newest on top, at most MAX_TIMELINE rows.
import type { WireEvent } from '../protocol/panel';
import { clear, el } from '../shared/dom';
import type { PanelContext } from './context';
import { fmtTime } from './format';

const MAX_TIMELINE = 300;

export function addEvents(ctx: PanelContext, events: WireEvent[], replace = false): void {
  const { timeline } = ctx.ui;
  if (replace) clear(timeline);
  const frag = document.createDocumentFragment();
  for (const e of events.slice(-MAX_TIMELINE)) {
    frag.append(
      el(
        'li',
        { className: `event ${e.type === 'Warning' ? 'warning' : 'normal'}`, 'data-kind': 'event', 'data-reason': e.reason, 'data-object': e.object },
        el('span', { className: 'when mono', text: fmtTime(e.t) }),
        el('code', { className: 'kubectl-line', text: e.kubectl }),
        el('span', { className: 'story', text: e.story }),
      ),
    );
  }
  timeline.prepend(...[...frag.childNodes].reverse());
  while (timeline.childElementCount > MAX_TIMELINE) timeline.lastElementChild!.remove();
}
