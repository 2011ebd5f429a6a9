// The "Simulate manifest" panel (dist/webview/panel.js): renders what the extension host sends —
// one `init`, then diffs — as the dorm (buildings, rooms, roommates, dispatch centres), as
// `kubectl get` tables, and as a timeline of events told twice. Every control posts a typed
// message; the host validates it and runs the engine. All text goes in through textContent, never
// innerHTML, so names from manifests cannot inject markup.
//
// One state object (context.ts) is created here and passed to the modules, one per part of the
// page: controls (toolbar, views, language), dorm (buildings and rooms), services, cards, tables,
// timeline, output (kubectl box and apply result), keys, and sync (messages from the host).
import type { HostMessage } from '../protocol/panel';
import { onHostMessage } from '../shared/host';
import { createContext } from './context';
import { setView, skeleton } from './controls';
import { onKey } from './keys';
import { onMessage } from './sync';

const ctx = createContext();
skeleton(ctx);
document.addEventListener('keydown', (e) => onKey(ctx, e));
onHostMessage<HostMessage>((m) => onMessage(ctx, m));
// The first state may come embedded in the page (see SimSession.preload): drawn now, without the
// round trip through the extension host; the host then sends only what changed since.
let preloaded: number | undefined;
try {
  const block = document.getElementById('kd-preload');
  const pre = block?.textContent ? (JSON.parse(block.textContent) as { seq?: unknown; message?: HostMessage }) : undefined;
  block?.remove();
  if (pre && typeof pre.seq === 'number' && pre.message?.type === 'init') {
    onMessage(ctx, pre.message);
    preloaded = pre.seq;
    ctx.app.dataset.init = 'embedded';
  }
} catch {
  preloaded = undefined; // a broken block: the host sends a fresh init
}
performance.mark('kd:ready');
ctx.host.post(preloaded === undefined ? { type: 'ready' } : { type: 'ready', preloaded });
setView(ctx, ctx.persisted.view);
