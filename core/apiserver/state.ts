// What the request handlers share: the state the `KubeApiServer` facade owns, seen through a
// narrow interface so the handler modules do not depend on the facade.
import type { Cluster } from '../cluster/cluster';
import type { ConnectionLimits } from './connections';
import type { ServingCert } from './tls';
import type { Faults } from './faults';
import type { EventLog } from '../cluster/event-log';
import type { PodLogs } from '../cluster/logs';
import type { ResourceDef } from '../k8s/registry';
import type { WatchHub, WatchLimits } from './watch';

export interface ApiServerOptions {
  /** Bearer token every request must carry. */
  token: string;
  /** Serve HTTPS with this certificate (kubectl only sends a token over TLS); plain HTTP without. */
  tls?: ServingCert;
  /** Called after every change made through the API (the panel refreshes on it). */
  onChange?: () => void;
  /**
   * Called after each change with a kubectl-style line (`delete pod web-x`, `scale deployment/web
   * --replicas=3`, `create deployment web`, `patch deployment web`), so lessons can count it as
   * a command the learner ran.
   */
  onAction?: (line: string) => void;
  /**
   * Accept client certificates signed by this CA (PEM), as kube-apiserver's `--client-ca-file`: a
   * request over TLS with such a certificate needs no token. Only with `tls`.
   */
  clientCA?: string;
  /** The Kubernetes minor to be ('1.30'): /version says it, discovery and the paths serve only what it serves. */
  kubernetesVersion?: string;
  /** Test-only fault injection and request counts (core/apiserver/faults.ts); never set by default. */
  faults?: Faults;
  /** Test-only: enables POST /kube-dorm/advance?seconds=N (authorised like every request). */
  allowAdvance?: boolean;
  /** Connection limits and timeouts (defaults: `DEFAULT_LIMITS`). */
  limits?: Partial<ConnectionLimits>;
  /** Watch history and slow-watcher limits (defaults: `DEFAULT_WATCH_LIMITS`). */
  watchLimits?: Partial<WatchLimits>;
  /** Wall-clock timers for bookmarks and watch timeouts (injected so core stays clock-free in tests). */
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (h: unknown) => void;
}

export interface ApiState {
  readonly cluster: Cluster;
  readonly opts: ApiServerOptions;
  readonly logs: PodLogs;
  /** Store events kept for watch replay, and the live watches. */
  readonly watches: WatchHub;
  /** Kubernetes Events folded from the engine's log. */
  readonly events: EventLog;
  /** The server's base URL (empty until it listens). */
  readonly address: string;
  /** The store's current resourceVersion (read without drawing a new one). */
  rv(): string;
  /** After a change: let the controllers react at once, then tell the owner (`onChange`). */
  changed(): void;
  /** Reports a change as a kubectl-style line (`onAction`). */
  action(verb: string, def: ResourceDef, name: string, extra?: string): void;
}
