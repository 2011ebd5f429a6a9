// Cards beside the dorm: workloads (with scale, set image, roll back, canary) and Secrets /
// ConfigMaps (key names; a Secret's value only when revealed). A card is re-rendered when its view
// changes, except while the user types in one of its inputs.
import type { ConfigView, HostMessage, WorkloadView } from '../protocol/panel';
import { button, el, icon, type Attrs } from '../shared/dom';
import { nsArg, type PanelContext } from './context';
import { GROUP_ICONS } from './format';
import { rolloutChart } from './rollout-chart';
import { workloadWhy } from './why';

/** The card for a view id (created in `container` the first time), with its attributes set. */
export function card(ctx: PanelContext, container: HTMLElement, id: string, attrs: Attrs): HTMLElement {
  let c = ctx.cardEls.get(id);
  if (!c) {
    c = el('article', { className: 'card' });
    ctx.cardEls.set(id, c);
    container.append(c);
  }
  for (const [k, v] of Object.entries(attrs)) if (typeof v === 'string') c.setAttribute(k, v);
  return c;
}

export function dropCard(ctx: PanelContext, id: string): void {
  ctx.cardEls.get(id)?.remove();
  ctx.cardEls.delete(id);
}

/** Keeps what the user is typing: a card with a focused input is not rebuilt. */
export const typingIn = (c: HTMLElement) => c.contains(document.activeElement) && document.activeElement instanceof HTMLInputElement;

export function renderWorkload(ctx: PanelContext, w: WorkloadView): void {
  const { L, host, model } = ctx;
  if (w.kind === 'ReplicaSet' && w.ownerKind === 'Deployment') {
    // Shown inside its Deployment's card.
    const d = [...model.workloads.values()].find((x) => x.kind === 'Deployment' && x.name === w.ownerName && x.namespace === w.namespace);
    if (d) renderWorkload(ctx, d);
    return;
  }
  const c = card(ctx, ctx.ui.workloads, w.id, { 'data-kind': w.kind.toLowerCase(), 'data-name': w.name });
  const ns = nsArg(w.namespace);
  const iconName = GROUP_ICONS[w.kind] ?? 'package';
  const body: (Node | string)[] = [
    el(
      'div',
      { className: 'card-head' },
      icon(iconName),
      el('span', { className: 'gk', text: w.kind }),
      el('span', { className: 'name', text: w.name, title: w.name }),
      el('span', { className: 'summary', text: w.summary }),
      workloadWhy(ctx, w),
    ),
    el('div', { className: 'muted mono', text: [w.images.join(', '), w.revision ? `rev ${w.revision}` : '', w.detail].filter(Boolean).join(' · ') }),
  ];
  const chart = w.kind === 'Deployment' ? rolloutChart(ctx, w) : undefined;
  if (chart) body.push(chart);
  if (w.kind === 'Deployment') {
    const rss = [...model.workloads.values()].filter((x) => x.kind === 'ReplicaSet' && x.ownerName === w.name && x.namespace === w.namespace);
    if (rss.length) {
      const ul = el('ul', { className: 'rs-list' });
      for (const rs of rss.sort((a, b) => Number(b.revision) - Number(a.revision)))
        ul.append(
          el(
            'li',
            { 'data-kind': 'replicaset', 'data-name': rs.name },
            icon(GROUP_ICONS.ReplicaSet),
            ' ',
            el('span', { className: 'mono', text: rs.name }),
            el('span', { className: 'summary', text: ` ${rs.summary} · rev ${rs.revision} · ${rs.images.join(', ')}` }),
            workloadWhy(ctx, rs),
          ),
        );
      body.push(ul);
    }
  }
  if (w.kind === 'Deployment' || w.kind === 'StatefulSet' || (w.kind === 'ReplicaSet' && !w.ownerKind)) {
    const rep = el('input', {
      type: 'number',
      min: '0',
      max: '1000',
      className: 'input num',
      value: String(w.replicas),
      'aria-label': L('panel.prompt.replicas', { name: w.name }),
    });
    const kind = w.kind;
    body.push(
      el(
        'div',
        { className: 'row' },
        rep,
        button(
          L('panel.scale'),
          () => {
            const n = Number(rep.value);
            if (Number.isInteger(n) && n >= 0 && n <= 1000) host.post({ type: 'scale', kind, name: w.name, namespace: ns, replicas: n });
          },
          { 'data-action': 'scale' },
        ),
      ),
    );
  }
  if (w.kind === 'Deployment' || w.kind === 'StatefulSet' || w.kind === 'DaemonSet') {
    const img = el('input', {
      type: 'text',
      className: 'input',
      value: w.images[0] ?? '',
      spellcheck: 'false',
      'aria-label': L('panel.prompt.image', { name: w.name }),
      'data-field': 'image',
    });
    const kind = w.kind;
    const row = el(
      'div',
      { className: 'row' },
      img,
      button(
        L('panel.setImage'),
        () => {
          const v = img.value.trim();
          if (v) host.post({ type: 'setImage', kind, name: w.name, namespace: ns, image: v.slice(0, 253) });
        },
        { 'data-action': 'set-image' },
      ),
    );
    if (w.kind === 'Deployment') {
      row.append(button(L('panel.rollback'), () => host.post({ type: 'rollback', name: w.name, namespace: ns }), { 'data-action': 'rollback' }, 'discard'));
      row.append(
        button(
          L('panel.canary'),
          () => host.post({ type: 'canary', deployment: w.name, namespace: ns, image: img.value.trim().slice(0, 253) || undefined }),
          { 'data-action': 'canary' },
          'beaker',
        ),
      );
    }
    body.push(row);
  }
  if (typingIn(c)) {
    const s = c.querySelector('.summary');
    if (s) s.textContent = w.summary;
    if (chart) c.querySelector('figure.rollout')?.replaceWith(chart);
    return;
  }
  c.replaceChildren(...body);
}

export function renderConfig(ctx: PanelContext, x: ConfigView): void {
  const { L, host } = ctx;
  const c = card(ctx, ctx.ui.configs, x.id, { 'data-kind': x.kind.toLowerCase(), 'data-name': x.name });
  const rows = el('ul', { className: 'keys' });
  for (const k of x.keys) {
    if (x.kind === 'Secret') {
      const val = el('span', { className: 'secret-value masked', 'data-key': k, text: '••••••', title: L('panel.secret.hidden') });
      const ns = nsArg(x.namespace);
      rows.append(
        el(
          'li',
          {},
          el('span', { className: 'mono', text: `${k}: ` }),
          val,
          ' ',
          button(L('panel.secret.reveal'), () => host.post({ type: 'reveal', name: x.name, namespace: ns, key: k }), {
            'data-action': 'reveal',
            'data-key': k,
          }),
        ),
      );
    } else rows.append(el('li', { className: 'mono', text: k }));
  }
  c.replaceChildren(
    el(
      'div',
      { className: 'card-head' },
      icon(x.kind === 'Secret' ? 'lock' : x.kind === 'ConfigMap' ? 'note' : 'database'),
      el('span', { className: 'gk', text: x.kind }),
      el('span', { className: 'name', text: x.name, title: x.name }),
      el('span', { className: 'summary', text: x.type }),
    ),
    rows,
  );
}

/** A Secret value the user asked to reveal, in place of its mask. */
export function showSecret(ctx: PanelContext, m: Extract<HostMessage, { type: 'secret' }>): void {
  const c = ctx.cardEls.get(`Secret/${m.namespace}/${m.name}`);
  const slot = [...(c?.querySelectorAll<HTMLElement>('.secret-value') ?? [])].find((e) => e.dataset.key === m.key);
  if (!slot) return;
  slot.textContent = m.value ?? '∅';
  slot.classList.remove('masked');
}
