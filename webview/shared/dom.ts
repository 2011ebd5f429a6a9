// Element builders for both webviews. Text only: every string goes in through textContent or an
// attribute, never innerHTML, so names from manifests cannot inject markup.

/** Attributes; `text` sets textContent, `className` the class, `on…` functions become listeners, false/undefined are left out. */
export type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, built as `el` builds HTML ones (text through textContent only). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | undefined)[]): SVGElementTagNameMap[K] {
  return fill(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
}

function fill<E extends Element>(e: E, attrs: Attrs, children: (Node | string | undefined)[]): E {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') e.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'text') e.textContent = String(v);
    else if (k === 'className') e.setAttribute('class', String(v));
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== undefined) e.append(c);
  return e;
}

/** A codicon (media/panel/codicons, @vscode/codicons), decorative. */
export const icon = (name: string) => el('span', { className: `codicon codicon-${name}`, 'aria-hidden': 'true' });

/** A `.btn` button with a label (and a codicon before it). */
export function button(label: string, onClick: () => void, extra: Attrs = {}, iconName?: string): HTMLButtonElement {
  const b = el('button', { type: 'button', className: 'btn', onclick: onClick, ...extra });
  if (iconName) b.append(icon(iconName), ' ');
  b.append(label);
  return b;
}

/** Replaces an element's content with a codicon and a label. */
export const setLabel = (b: HTMLElement, iconName: string, label: string) => b.replaceChildren(icon(iconName), ' ', label);

export const clear = (e: Element) => e.replaceChildren();
