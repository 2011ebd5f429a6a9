// A small stand-in for the `vscode` module, so the extension's host-side code can run under plain
// `node --test` (VS Code's API exists only inside its extension host). It implements the calls the
// extension makes while activating and registering (status bar items, command and serializer
// registration, globalState, configuration) and records them; nothing is drawn.
//
//   import { fake, alias } from '../support/fake-vscode';   // first import: installs `vscode`
//   alias('vscode-languageclient/node', myFakeClientModule);  // before the module under test loads
import Module from 'node:module';

export class Disposable {
  private done = false;
  constructor(private readonly fn: () => void = () => {}) {}
  dispose(): void {
    if (this.done) return;
    this.done = true;
    this.fn();
  }
}

export interface FakeStatusItem {
  text: string;
  tooltip?: string;
  command?: string;
  name?: string;
  visible: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}

type Callback = (...args: any[]) => unknown;

/** What the code under test did through the fake. */
export const fake = {
  commands: new Map<string, Callback>(),
  serializers: new Map<string, { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }>(),
  contexts: new Map<string, unknown>(),
  statusItems: [] as FakeStatusItem[],
  /** Information messages shown. */
  messages: [] as string[],
  /** CodeLens providers registered, with their document selectors. */
  lensProviders: [] as { selector: unknown; provider: { provideCodeLenses(doc: unknown): unknown[]; onDidChangeCodeLenses?: (f: () => void) => unknown } }[],
  reset(): void {
    this.messages.length = 0;
    this.commands.clear();
    this.serializers.clear();
    this.contexts.clear();
    this.statusItems.length = 0;
    this.lensProviders.length = 0;
  },
};

function statusItem(): FakeStatusItem {
  const item: FakeStatusItem = {
    text: '',
    visible: false,
    show: () => void (item.visible = true),
    hide: () => void (item.visible = false),
    dispose: () => void (item.visible = false),
  };
  fake.statusItems.push(item);
  return item;
}

const noEvent = () => new Disposable();

class EventEmitter<T> {
  private listeners = new Set<(e: T) => void>();
  readonly event = (f: (e: T) => void) => {
    this.listeners.add(f);
    return new Disposable(() => this.listeners.delete(f));
  };
  fire(e: T): void {
    for (const f of [...this.listeners]) f(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c ?? 0, d ?? 0) : (b as Position);
  }
}

class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: { title: string; tooltip?: string; command: string; arguments?: unknown[] },
  ) {}
}

export const vscode = {
  Disposable,
  EventEmitter,
  Position,
  Range,
  CodeLens,
  languages: {
    registerCodeLensProvider(selector: unknown, provider: (typeof fake.lensProviders)[number]['provider']) {
      const entry = { selector, provider };
      fake.lensProviders.push(entry);
      return new Disposable(() => fake.lensProviders.splice(fake.lensProviders.indexOf(entry), 1));
    },
    createDiagnosticCollection: (name: string) => ({ name, set() {}, delete() {}, clear() {}, dispose() {} }),
  },
  StatusBarAlignment: { Left: 1, Right: 2 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])) },
  env: { language: 'en' },
  window: {
    activeTextEditor: undefined as undefined | { document: { languageId: string } },
    createStatusBarItem: () => statusItem(),
    createOutputChannel: (name: string) => ({
      name,
      lines: [] as string[],
      appendLine(l: string) {
        this.lines.push(l);
      },
      show() {},
      dispose() {},
    }),
    onDidChangeActiveTextEditor: noEvent,
    registerWebviewPanelSerializer(viewType: string, s: { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }) {
      if (fake.serializers.has(viewType)) throw new Error(`a serializer for ${viewType} is already registered`);
      fake.serializers.set(viewType, s);
      return new Disposable(() => fake.serializers.delete(viewType));
    },
    showErrorMessage: async () => undefined,
    showInformationMessage: async (message: string) => void fake.messages.push(message),
  },
  workspace: {
    isTrusted: true,
    getConfiguration: () => ({ get: <T>(_key: string, dflt?: T) => dflt }),
    onDidGrantWorkspaceTrust: noEvent,
    onDidChangeTextDocument: noEvent,
  },
  commands: {
    registerCommand(id: string, run: Callback) {
      if (fake.commands.has(id)) throw new Error(`command '${id}' already exists`);
      fake.commands.set(id, run);
      return new Disposable(() => fake.commands.delete(id));
    },
    async executeCommand(id: string, ...args: unknown[]) {
      if (id === 'setContext') return void fake.contexts.set(String(args[0]), args[1]);
      const run = fake.commands.get(id);
      if (!run) throw new Error(`command '${id}' not found`);
      return run(...args);
    },
  },
};

/** A Memento like ExtensionContext.globalState, in memory. */
export function memento(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    get: <T>(key: string, dflt?: T) => (data.has(key) ? (data.get(key) as T) : dflt),
    update: async (key: string, value: unknown) => void data.set(key, value),
    keys: () => [...data.keys()],
  };
}

const aliases = new Map<string, unknown>();
/** Makes `require(request)` return `exports` from now on, in this process. */
export function alias(request: string, exports: unknown): void {
  const id = `\0fake:${request}`;
  aliases.set(request, id);
  require.cache[id] = { id, filename: id, loaded: true, exports, children: [], paths: [] } as unknown as NodeJS.Module;
}

const M = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = M._resolveFilename.bind(M);
M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return (aliases.get(request) as string | undefined) ?? resolve.call(this, request, ...rest);
};
alias('vscode', vscode);
