// The API server over a real socket for the apiserver*.test.ts suites: a two-node cluster running
// a two-replica Deployment "web", served with a test token, and an authorised requester for it.
import { serveWeb } from '../support/api-request';

export const TOKEN = 'test-token-abcdefghijklmnopqrstuvwxyz012345';

/** Starts the server on a free port; `timers` collects its interval callbacks so a test can fire them (watch bookmarks). */
export async function setup(opts: { timers?: (() => void)[] } = {}) {
  const timers = opts.timers;
  return serveWeb(TOKEN, {
    allowAdvance: true,
    ...(timers
      ? {
          setInterval: (fn: () => void) => (timers.push(fn), fn),
          clearInterval: (h: unknown) => {
            const i = timers.indexOf(h as () => void);
            if (i >= 0) timers.splice(i, 1);
          },
        }
      : {}),
  });
}
