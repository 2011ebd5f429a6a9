// Custom LSP messages between the Kube Dorm server and its clients, declared once (types only,
// plus the method names) and imported by both halves and by the tests.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Severity } from '../../core/manifest/types';

/** Sent by the client in `initialize` (all optional). */
export interface InitializationOptions {
  /** 'auto' follows the client's `locale` from initialize. */
  language?: 'auto' | 'en' | 'zh-cn';
  rules?: Record<string, Severity | 'off'>;
  schemaValidation?: boolean;
  /** The Kubernetes minor to check against ('1.27'…'1.36'); default the newest. */
  kubernetesVersion?: string;
  /** Delay between the last keystroke and re-checking (ms); default 120. Tests use 0. */
  debounceMs?: number;
  /** false = do not scan the workspace folders (open documents only). Default true. */
  scanWorkspace?: boolean;
  /** Command id the client offers to simulate a manifest (enables the "▶ Simulate" code lens). */
  simulateCommand?: string;
  /** Command id that opens a lesson by number (hovers then link to the lesson that explains a concept). */
  lessonCommand?: string;
  /** false in an untrusted workspace (VS Code's restricted mode): no quick fix creates files. Default true. */
  trusted?: boolean;
  /** Files the workspace scan indexes at most (default 20,000; tests use a few). */
  maxScanFiles?: number;
}

/** The `kubeDorm` settings section, as read through `workspace/configuration`. */
export interface KubeDormSettings {
  language?: 'auto' | 'en' | 'zh-cn';
  rules?: Record<string, Severity | 'off'>;
  schemaValidation?: boolean;
  kubernetesVersion?: string;
}

export interface IndexedParams {
  files: number;
  resources: number;
  /** Wall time of the scan, for the log and the status bar. */
  ms: number;
  /** Set when the scan stopped at its file limit (more manifest files were left unindexed). */
  limit?: number;
}

/** The workspace scan finished and every indexed file's diagnostics were published. */
export const IndexedNotification = {
  method: 'kubeDorm/indexed',
  type: new NotificationType<IndexedParams>('kubeDorm/indexed'),
} as const;

/**
 * Client → server: the cluster the editor is connected to (`context: null` when it disconnected).
 * `crds` are the CustomResourceDefinition objects installed there: they validate custom resources
 * like a CRD in the workspace (the workspace's own win), read-only. `gitVersion` is the server's
 * /version.
 */
export interface ClusterParams {
  context: string | null;
  gitVersion?: string;
  crds?: unknown[];
}

export const ClusterNotification = {
  method: 'kubeDorm/cluster',
  type: new NotificationType<ClusterParams>('kubeDorm/cluster'),
} as const;

// The browser server has no disk: it reads the workspace through the client (vscode.workspace.fs).
// Each request rejects when the file or folder is missing or unreadable.

export interface FsParams {
  uri: string;
}
export interface FsStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
}
export interface FsEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
}

/** Browser server → client: stat, read (UTF-8 text) and list a folder of the workspace. */
export const FsRequests = {
  stat: new RequestType<FsParams, FsStat, void>('kubeDorm/fs/stat'),
  readFile: new RequestType<FsParams, string, void>('kubeDorm/fs/readFile'),
  readDir: new RequestType<FsParams, FsEntry[], void>('kubeDorm/fs/readDir'),
} as const;

/**
 * Files the browser server's bundle leaves beside it, by extension-relative path: the schema
 * catalog's JSON and the cron libraries (language-server/src/cron-libs.ts). The client posts each
 * file's text (null: it could not be read), a plain worker message beside JSON-RPC: the catalog as
 * soon as it is read, each of the others when the server asks for it (NeedAssetNotification). The
 * server answers `initialize` at once and holds each later message that needs a file it does not
 * have yet, with the messages after it (browser-main.ts), then parses or evaluates the file on
 * first need.
 */
export const SERVER_ASSETS = { catalog: 'dist/catalog.json', cron: 'dist/browser/cron.js' } as const;
export type ServerAssetName = keyof typeof SERVER_ASSETS;
/** The assets the client posts unasked: every lint needs the catalog. */
export const EAGER_ASSETS: readonly ServerAssetName[] = ['catalog'];
/** Browser server → client: post this asset (a message waits for it). */
export const NeedAssetNotification = new NotificationType<{ name: ServerAssetName }>('kubeDorm/needAsset');
export interface ServerAssetsMessage {
  kubeDormAssets: Partial<Record<ServerAssetName, string | null>>;
}
export const isServerAssetsMessage = (data: unknown): data is ServerAssetsMessage =>
  typeof data === 'object' && data !== null && typeof (data as Partial<ServerAssetsMessage>).kubeDormAssets === 'object';
