// The page's side of the bridge to the extension host: VS Code's acquireVsCodeApi (callable once
// per page), typed by the messages the view sends, and a listener for what the host posts.

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface Host<Out> {
  post: (m: Out) => void;
  /** What the page saved with setState (VS Code gives it back after a reload). */
  getState(): unknown;
  setState(state: unknown): void;
}

/** Acquires the host API (once per page). */
export function connectHost<Out>(): Host<Out> {
  const api = acquireVsCodeApi();
  return { post: (m) => api.postMessage(m), getState: () => api.getState(), setState: (s) => api.setState(s) };
}

/** Calls `handle` with every message the host posts; anything without a string `type` is dropped. */
export function onHostMessage<In extends { type: string }>(handle: (m: In) => void): void {
  window.addEventListener('message', (ev: MessageEvent) => {
    const m: unknown = ev.data;
    if (m && typeof m === 'object' && typeof (m as { type?: unknown }).type === 'string') handle(m as In);
  });
}
