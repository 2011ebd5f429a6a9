// The browser server's deferred modules: code its bundle leaves out (./cron-libs.ts), posted by the
// client as text when the server asks for it (./browser-main.ts holds the message that needs it
// until then) and evaluated, as CommonJS, on first need. A Worker cannot require a file; this is its synchronous stand-in.
const texts = new Map<string, string>();
const modules = new Map<string, unknown>();

export function provideDeferredModule(name: string, text: string): void {
  if (!modules.has(name)) texts.set(name, text);
}

/** The module's exports, evaluating its text the first time. */
export function deferredModule(name: string): unknown {
  if (modules.has(name)) return modules.get(name);
  const text = texts.get(name);
  if (text === undefined) throw new Error(`the client did not provide the ${name} module`);
  const module = { exports: {} as unknown };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the extension's own bundle, posted by its own client
  const evaluate = new Function('module', 'exports', `${text}\n//# sourceURL=kube-dorm/dist/browser/${name}.js`) as (m: typeof module, e: unknown) => void;
  evaluate(module, module.exports);
  texts.delete(name);
  modules.set(name, module.exports);
  return module.exports;
}
