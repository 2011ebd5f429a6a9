// "Why?": a broken room (the selected one), a Service card, a manager card (a Deployment and its
// ReplicaSets) or a cleaning auntie's card asks the host for its chain (core/panel/why.ts), which
// opens beside it: the symptom, each step in Kubernetes' words and the dorm's, "Go to line" on the
// steps that point at a manifest line and "Apply fix" when the editor has a quick fix there.
// One chain is open at a time; Escape or Close shuts it and gives focus back to its "Why?" button.
// The chain is structured data from the host, put in with textContent only.
import type { HostMessage, PodView, ServiceView, WhyChain, WhyKind, WorkloadView } from '../protocol/panel';
import { button, el, icon } from '../shared/dom';
import { nsArg, type PanelContext } from './context';

const BOX_ID = 'why';
const keyOf = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

/** The "Why?" button of an object. */
export function whyButton(ctx: PanelContext, kind: WhyKind, name: string, namespace: string): HTMLButtonElement {
  const { L, host } = ctx;
  return button(
    L('panel.why.button'),
    () => host.post({ type: 'why', kind, name, namespace: nsArg(namespace) }),
    {
      className: 'btn why-btn',
      'data-action': 'why',
      'data-why': keyOf(kind, namespace, name),
      'aria-label': L('panel.why.label', { kind, name }),
      'aria-expanded': String(openKey() === keyOf(kind, namespace, name)),
      'aria-controls': BOX_ID,
    },
    'question',
  );
}

/** A room that is not Ready (and not finished or leaving) has a "Why?". */
export function podWhy(ctx: PanelContext, p: PodView): HTMLButtonElement | undefined {
  return !p.podReady && !p.terminating && p.phase !== 'Succeeded' ? whyButton(ctx, 'Pod', p.name, p.namespace) : undefined;
}

/** Every Service card has a "Why?": a Service can look served and still refuse (a targetPort nothing listens on). */
export const serviceWhy = (ctx: PanelContext, s: ServiceView) => whyButton(ctx, 'Service', s.name, s.namespace);

/** A manager with fewer Ready pods than it wants (its READY "x/y" with x < y), and every CronJob, have a "Why?". */
export function workloadWhy(ctx: PanelContext, w: WorkloadView): HTMLButtonElement | undefined {
  if (w.kind === 'CronJob') return whyButton(ctx, 'CronJob', w.name, w.namespace);
  if (w.kind !== 'Deployment' && w.kind !== 'ReplicaSet') return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(w.summary);
  return m && Number(m[1]) < Number(m[2]) ? whyButton(ctx, w.kind, w.name, w.namespace) : undefined;
}

const openKey = () => document.getElementById(BOX_ID)?.dataset.for;

function opener(key: string | undefined): HTMLElement | undefined {
  if (!key) return undefined;
  return [...document.querySelectorAll<HTMLElement>('[data-action="why"]')].find((b) => b.dataset.why === key);
}

/** Closes the open chain; focus goes back to its "Why?" button (or the card it was beside). */
export function closeWhy(focus = true): void {
  const box = document.getElementById(BOX_ID);
  if (!box) return;
  const key = box.dataset.for;
  const back = opener(key) ?? (box.previousElementSibling as HTMLElement | null) ?? undefined;
  box.remove();
  for (const b of document.querySelectorAll<HTMLElement>('[data-action="why"][aria-expanded="true"]')) b.setAttribute('aria-expanded', 'false');
  if (focus) back?.focus();
}

/** The host's answer: the chain opens beside the button that asked (after its card, or after the selected room's bar), or beside the object's card when the editor asked. */
export function showWhy(ctx: PanelContext, m: Extract<HostMessage, { type: 'why' }>): void {
  const key = keyOf(m.kind, m.namespace, m.name);
  const from = opener(key);
  // Beside the card of the button that asked; asked from the editor (no button): beside the object's
  // card, or the selected room's bar for a room and a ReplicaSet.
  const anchor = from?.closest<HTMLElement>('article.card') ?? ctx.cardEls.get(key) ?? ctx.ui.selection;
  closeWhy(false);
  const box = render(ctx, m, key);
  anchor.after(box);
  from?.setAttribute('aria-expanded', 'true');
  box.focus();
}

function render(ctx: PanelContext, m: Extract<HostMessage, { type: 'why' }>, key: string): HTMLElement {
  const { L } = ctx;
  const title = L('panel.why.title', { kind: m.kind, name: m.name });
  const box = el('section', { id: BOX_ID, className: 'why', role: 'region', 'aria-label': title, tabindex: '-1', 'data-for': key, 'data-kind': 'why' });
  box.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    closeWhy();
  });
  const close = button(L('panel.why.close'), () => closeWhy(), { className: 'btn why-close', 'data-action': 'why-close' }, 'close');
  box.append(el('div', { className: 'why-head' }, icon('question'), el('h3', { className: 'why-title', text: title }), close));
  if (!m.chain) {
    box.append(el('p', { className: 'muted why-none', text: L('panel.why.none', { name: m.name }) }));
    return box;
  }
  box.append(el('p', { className: 'why-symptom', 'data-field': 'symptom', text: m.chain.symptom }));
  const ol = el('ol', { className: 'why-steps', 'aria-label': L('panel.why.steps') });
  for (const s of m.chain.steps) {
    const li = el(
      'li',
      { className: 'why-step' },
      el('p', { className: 'why-k8s', text: s.text }),
      el('p', { className: 'why-dorm muted' }, el('span', { className: 'lbl', text: `${L('panel.why.dorm')} ` }), s.dorm),
    );
    if (s.at) {
      const at = s.at;
      const place = `${at.file}:${at.line + 1}:${at.column + 1}`;
      li.append(
        el(
          'p',
          { className: 'why-at' },
          el('code', { className: 'mono', text: place }),
          ' ',
          button(L('panel.why.goto', { line: at.line + 1 }), () => ctx.host.post({ type: 'openLocation', uri: at.uri, line: at.line, column: at.column }), {
            className: 'btn link',
            'data-action': 'why-goto',
            'aria-label': L('panel.why.gotoLabel', { file: at.file, line: at.line + 1, column: at.column + 1 }),
          }),
        ),
      );
    }
    ol.append(li);
  }
  box.append(ol);
  if (m.chain.fix) box.append(fixRow(ctx, m.chain.fix));
  return box;
}

function fixRow(ctx: PanelContext, fix: NonNullable<WhyChain['fix']>): HTMLElement {
  const { L, host } = ctx;
  const { code, uri, range } = fix;
  if (!code || !uri || !range) return el('p', { className: 'why-fix', 'data-field': 'advice', text: L('panel.why.advice', { title: fix.title }) });
  return el(
    'p',
    { className: 'why-fix' },
    button(
      L('panel.why.fix', { title: fix.title }),
      () => host.post({ type: 'applyFix', uri, code, ...range }),
      { className: 'btn primary', 'data-action': 'why-fix' },
      'lightbulb',
    ),
  );
}
