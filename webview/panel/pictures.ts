// What the pictures share (./rollout-chart.ts, ./dispatch.ts, ./lockers.ts): an SVG with its text
// alternative, nodes reachable by keyboard, names clipped to fit. Every name goes in as text
// (svg() sets textContent, never markup); colours come from VS Code's theme through panel.css.
import { svg } from '../shared/dom';

/** A picture: `role="img"` (or a group of focusable nodes), labelled by its `<title>` and aria-label, marked `data-pic`. */
export function picture(kind: string, width: number, height: number, label: string, interactive = false): SVGSVGElement {
  return svg(
    'svg',
    {
      className: `pic pic-${kind}`,
      'data-pic': kind,
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: interactive ? 'group' : 'img',
      'aria-label': label,
      // A picture with nothing to press inside is still reachable, so its text alternative is read.
      tabindex: interactive ? undefined : '0',
    },
    svg('title', { text: label }),
  );
}

/** A name shortened to `max` characters (whole code points) with an ellipsis; the full name goes in the node's title. */
export function clip(name: string, max: number): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}

/** Makes an SVG group a button: in the tab order, pressed with a click, Enter or Space, and labelled. */
export function pressable<E extends SVGElement>(node: E, label: string, onPress: () => void): E {
  node.setAttribute('tabindex', '0');
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', label);
  node.prepend(svg('title', { text: label }));
  node.addEventListener('click', onPress);
  node.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    // The page's own keys (Space plays / pauses) must not also act.
    e.preventDefault();
    e.stopPropagation();
    onPress();
  });
  return node;
}

/** A "+N more" line under a column that was cut short. */
export const moreText = (x: number, y: number, text: string) => svg('text', { className: 'pic-more', x, y, text });

/** A straight link between two points (a class per kind: ready / notready, volume / env / imagePull). */
export const link = (x1: number, y1: number, x2: number, y2: number, className: string, attrs: Record<string, string> = {}) =>
  svg('path', { className: `pic-link ${className}`, d: `M${x1} ${y1} C${(x1 + x2) / 2} ${y1} ${(x1 + x2) / 2} ${y2} ${x2} ${y2}`, ...attrs });
