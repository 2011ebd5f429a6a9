// The connection to a real cluster as a state machine, VS Code-free so it is tested as it runs:
// disconnected → connecting → connected | failed, and back to disconnected. A connection attempt
// is named by a token: the answer of an attempt that was overtaken (a second Connect, a Disconnect)
// is ignored. It also holds the gate of the panel's controls: nothing changes a real cluster
// until the user allowed changes for that context (once, remembered for the editor session);
// the SelfSubjectRulesReview decides which controls are offered at all.
import type { Msg } from '../manifest/types';
import { permissionOf, rulesAllow, kubectlCommand, type RemoteAction } from './actions';
import type { ResourceRule } from './cluster';
import { remoteMsg } from './messages';

export type Phase = 'disconnected' | 'connecting' | 'connected' | 'failed';

export interface ConnectionSnapshot {
  phase: Phase;
  context?: string;
  server?: string;
  /** The server's `gitVersion` (from /version), once connected. */
  version?: string;
  error?: Msg;
  /** Whether the panel's controls may change this context's cluster. */
  changesAllowed: boolean;
}

export type GateResult = { ok: true } | { ok: false; reason: 'not-connected' | 'not-allowed' | 'read-only'; msg: Msg };

interface Rules {
  namespace: string;
  rules: ResourceRule[];
  incomplete: boolean;
}

export class ConnectionState {
  private phase: Phase = 'disconnected';
  private context?: string;
  private server?: string;
  private version?: string;
  private error?: Msg;
  private token = 0;
  private readonly allowed = new Set<string>();
  private rules = new Map<string, Rules>();
  private readonly listeners = new Set<() => void>();

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }

  snapshot(): ConnectionSnapshot {
    return {
      phase: this.phase,
      ...(this.context !== undefined ? { context: this.context } : {}),
      ...(this.server !== undefined ? { server: this.server } : {}),
      ...(this.version !== undefined ? { version: this.version } : {}),
      ...(this.error ? { error: this.error } : {}),
      changesAllowed: this.context !== undefined && this.allowed.has(this.context),
    };
  }

  /** Starts an attempt to connect to `context` (from any phase); returns its token. */
  connecting(context: string): number {
    this.phase = 'connecting';
    this.context = context;
    this.server = this.version = this.error = undefined;
    this.rules.clear();
    this.changed();
    return ++this.token;
  }

  /** The attempt `token` succeeded; false (and nothing changes) when it was overtaken. */
  connected(token: number, info: { server: string; version?: string }): boolean {
    if (token !== this.token || this.phase !== 'connecting') return false;
    this.phase = 'connected';
    this.server = info.server;
    this.version = info.version;
    this.changed();
    return true;
  }

  /** The attempt `token` failed with `error`; false when it was overtaken. */
  failed(token: number, error: Msg): boolean {
    if (token !== this.token || this.phase !== 'connecting') return false;
    this.phase = 'failed';
    this.error = error;
    this.changed();
    return true;
  }

  disconnect(): void {
    this.token++;
    this.phase = 'disconnected';
    this.context = this.server = this.version = this.error = undefined;
    this.rules.clear();
    this.changed();
  }

  /** Allows changes to the connected context's cluster (the caller asked for a confirmation naming it). */
  allowChanges(): boolean {
    if (this.phase !== 'connected' || this.context === undefined) return false;
    this.allowed.add(this.context);
    this.changed();
    return true;
  }

  /** Back to read-only for the connected context. */
  revokeChanges(): void {
    if (this.context !== undefined && this.allowed.delete(this.context)) this.changed();
  }

  /** What a SelfSubjectRulesReview said for a namespace. */
  setRules(namespace: string, rules: ResourceRule[], incomplete: boolean): void {
    this.rules.set(namespace, { namespace, rules, incomplete });
    this.changed();
  }

  /** Whether the rules (when known and complete) leave out the action's permission. */
  offered(a: RemoteAction): boolean {
    const r = this.rules.get(a.namespace);
    return !r || r.incomplete || rulesAllow(r.rules, permissionOf(a));
  }

  /** Whether the panel's control may run `a` now, and if not, why (in words). */
  gate(a: RemoteAction): GateResult {
    if (this.phase !== 'connected' || this.context === undefined) return { ok: false, reason: 'not-connected', msg: remoteMsg('remote.notConnected') };
    if (!this.offered(a)) {
      const p = permissionOf(a);
      return { ok: false, reason: 'not-allowed', msg: remoteMsg('remote.action.notAllowed', { verb: p.verb, resource: p.resource, namespace: p.namespace }) };
    }
    if (!this.allowed.has(this.context))
      return { ok: false, reason: 'read-only', msg: remoteMsg('remote.action.readOnly', { context: this.context, command: kubectlCommand(a, this.context) }) };
    return { ok: true };
  }
}
