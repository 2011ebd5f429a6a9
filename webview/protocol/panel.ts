// The host ↔ panel protocol of "Simulate manifest", declared once. The extension host sends
// HostMessage; the webview sends PanelMessage. Everything the webview sends is untrusted and goes
// through validatePanelMessage() before the host acts on it.
import type { PanelState, StateDiff, WirePod, WireEvent } from '../../core/panel/wire';
import type { WhyChain } from '../../core/panel/why-wire';
import { isObj } from '../../core/k8s/guards';
import { int, oneOf, opt, text, validateMessage, type Check } from './validate';

export type {
  ConfigView,
  ContainerView,
  NodeView,
  PanelState,
  PodUse,
  PodView,
  RolloutSample,
  ServiceView,
  StateDiff,
  TableView,
  WireEvent,
  WirePod,
  WorkloadView,
} from '../../core/panel/wire';
export type { WhyChain, WhyStep } from '../../core/panel/why-wire';

export type LocaleChoice = 'auto' | 'en' | 'zh-cn';
export const SPEEDS = [0.5, 1, 2, 5, 10, 30] as const;

export interface ControlState {
  playing: boolean;
  speed: number;
  /** Simulated ms. */
  t: number;
  locale: 'en' | 'zh-cn';
  localeChoice: LocaleChoice;
  /** Whose cluster the panel shows when it is not its own (a lesson's title). */
  owner?: string;
  /** Set when the panel shows a real cluster (extension/src/remote): its connection and freshness. */
  remote?: RemoteStatus;
}

/** A real cluster's connection as the panel's header shows it. */
export interface RemoteStatus {
  context: string;
  server: string;
  /** The server's gitVersion, from /version. */
  version?: string;
  /** The namespace shown; undefined: all namespaces. */
  namespace?: string;
  /** Namespaces to choose from (those the cluster lists, when the user may list them). */
  namespaces: string[];
  /** Wall-clock ms (since the epoch) when the last event or list answer arrived. */
  lastEventAt?: number;
  /** A watch is down: the picture may be out of date. */
  stale: boolean;
  /** The kinds whose watch is down. */
  down: string[];
  /** The missing permissions, each in words (what is hidden and how to ask for it). */
  missing: string[];
  /** Whether the controls may change this cluster (after "Allow changes"). */
  changesAllowed: boolean;
  /** `data-action` names of the controls the SelfSubjectRulesReview does not allow. */
  denied: string[];
}

export interface Refusal {
  /** File URI and 0-based line, when the refusal points at a line. */
  uri?: string;
  file: string;
  line?: number;
  code?: string;
  /** As `kubectl apply` would print it. */
  text: string;
}

export interface ApplySummary {
  lines: string[];
  refusals: Refusal[];
  notSimulated: string[];
}

/** The state and diffs as posted: pods packed (core/panel/view.ts packPod / unpackPod). */
export type WireState = Omit<PanelState, 'pods'> & { pods: WirePod[] };
export type WireDiff = Omit<StateDiff, 'upsert'> & { upsert: Omit<StateDiff['upsert'], 'pods'> & { pods?: WirePod[] } };

/** What has a "Why?": a room, a Service card, a manager (Deployment, its ReplicaSets), a cleaning auntie's timetable. */
export const WHY_KINDS = ['Pod', 'Service', 'Deployment', 'ReplicaSet', 'CronJob'] as const;
export type WhyKind = (typeof WHY_KINDS)[number];

export type HostMessage =
  | { type: 'init'; strings: Record<string, string>; state: WireState; events: WireEvent[]; control: ControlState; apply?: ApplySummary; files: string[] }
  | { type: 'diff'; diff?: WireDiff; events: WireEvent[]; control: ControlState }
  | { type: 'applied'; apply: ApplySummary; files: string[] }
  /** `answered`: ids of the pods that served a `request` (the page lights their rooms up); `service`: the id of the Service it went through. */
  | { type: 'output'; text: string; error: boolean; answered?: string[]; service?: string }
  | { type: 'secret'; namespace: string; name: string; key: string; value: string | null }
  /** The answer to a `why`: the chain, or null when nothing is known to be wrong with it now. */
  | { type: 'why'; kind: WhyKind; namespace: string; name: string; chain: WhyChain | null };

export type NodeAction = 'add' | 'fail' | 'recover' | 'cordon' | 'uncordon';

export type PanelMessage =
  /** `preloaded`: the sequence number of the first state embedded in the page's HTML, if the page drew it. */
  | { type: 'ready'; preloaded?: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; ms?: number }
  | { type: 'speed'; speed: number }
  | { type: 'reset' }
  | { type: 'setLocale'; locale: LocaleChoice }
  | { type: 'scale'; kind: string; name: string; namespace?: string; replicas: number }
  | { type: 'deletePod'; name: string; namespace?: string }
  | { type: 'crash'; pod: string; namespace?: string; container?: string }
  | { type: 'oom'; pod: string; namespace?: string; container?: string }
  | { type: 'setImage'; kind: string; name: string; namespace?: string; container?: string; image: string }
  | { type: 'rollback'; name: string; namespace?: string }
  | { type: 'node'; action: NodeAction; name?: string }
  | { type: 'request'; service: string; namespace?: string; count?: number }
  | { type: 'setSelector'; service: string; namespace?: string; selector: Record<string, string> }
  | { type: 'canary'; deployment: string; namespace?: string; image?: string; replicas?: number }
  | { type: 'reveal'; name: string; namespace?: string; key: string }
  | { type: 'kubectl'; line: string }
  /** Opens a simulated file at a 0-based line (and column). */
  | { type: 'openLocation'; uri: string; line: number; column?: number }
  /** "Why?" on a room, a Service or a manager: the host answers with a `why`. */
  | { type: 'why'; kind: WhyKind; name: string; namespace?: string }
  /** "Apply fix": the editor's quick fix for diagnostic `code` at the range (0-based) of a simulated file. */
  | { type: 'applyFix'; uri: string; code: string; line: number; column: number; endLine: number; endColumn: number }
  /** Which view the panel shows (the host only builds the `kubectl get` tables for the table view). */
  | { type: 'view'; view: 'dorm' | 'table' }
  /** A real cluster: ask to allow the controls to change it (the host confirms with a modal naming the context). */
  | { type: 'allowChanges' }
  /** A real cluster: show one namespace (undefined: all). */
  | { type: 'namespace'; namespace?: string };

export type PanelMessageType = PanelMessage['type'];

// ---------------------------------------------------------------------------------------------
// Runtime validation

const name: Check = (v) => (typeof v === 'string' && v.length > 0 && v.length <= 253 && !/[\u0000-\u001f]/.test(v) ? undefined : 'a name (1–253 characters)');
const labels: Check = (v) => {
  if (!isObj(v)) return 'a label map';
  const entries = Object.entries(v);
  if (entries.length > 32) return 'at most 32 labels';
  for (const [k, x] of entries) if (name(k) || typeof x !== 'string' || x.length > 63) return 'label keys and values as strings';
  return undefined;
};

const SCHEMAS: Record<PanelMessageType, Record<string, Check>> = {
  ready: { preloaded: opt(int(1, Number.MAX_SAFE_INTEGER)) },
  play: {},
  pause: {},
  step: { ms: opt(int(1, 3_600_000)) },
  speed: { speed: oneOf(...SPEEDS) },
  reset: {},
  setLocale: { locale: oneOf('auto', 'en', 'zh-cn') },
  scale: { kind: oneOf('Deployment', 'ReplicaSet', 'StatefulSet'), name, namespace: opt(name), replicas: int(0, 1000) },
  deletePod: { name, namespace: opt(name) },
  crash: { pod: name, namespace: opt(name), container: opt(name) },
  oom: { pod: name, namespace: opt(name), container: opt(name) },
  setImage: { kind: oneOf('Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod'), name, namespace: opt(name), container: opt(name), image: name },
  rollback: { name, namespace: opt(name) },
  node: { action: oneOf('add', 'fail', 'recover', 'cordon', 'uncordon'), name: opt(name) },
  request: { service: name, namespace: opt(name), count: opt(int(1, 100)) },
  setSelector: { service: name, namespace: opt(name), selector: labels },
  canary: { deployment: name, namespace: opt(name), image: opt(name), replicas: opt(int(1, 100)) },
  reveal: { name, namespace: opt(name), key: name },
  kubectl: { line: text },
  openLocation: { uri: text, line: int(0, 10_000_000), column: opt(int(0, 10_000_000)) },
  why: { kind: oneOf(...WHY_KINDS), name, namespace: opt(name) },
  applyFix: {
    uri: text,
    code: name,
    line: int(0, 10_000_000),
    column: int(0, 10_000_000),
    endLine: int(0, 10_000_000),
    endColumn: int(0, 10_000_000),
  },
  view: { view: oneOf('dorm', 'table') },
  allowChanges: {},
  namespace: { namespace: opt(name) },
};

/** Checks a message from the webview: its type is known, its fields have the right shapes and nothing else is there. */
export function validatePanelMessage(raw: unknown): { ok: true; msg: PanelMessage } | { ok: false; error: string } {
  return validateMessage<PanelMessage>(raw, SCHEMAS);
}

/** What the panel saves with setState (and the serializer gets back after a reload). */
export interface PanelPersistedState {
  view: 'dorm' | 'table';
  files: string[];
}
