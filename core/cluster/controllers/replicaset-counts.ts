// What a ReplicaSet's sync reads of its pods, kept up to date from the pod watch instead of walked
// at every sync: how many active pods it controls, how many of them are ready, carry the template's
// labels, and no longer match its selector (strays). A 5,000-pod ReplicaSet syncs dozens of times
// during a rollout; each walk visited every pod. The counts are what that walk finds (the same
// ownership index, the same tests per pod): a ReplicaSet is counted from one walk the first time it
// asks, and again whenever its selector, template labels or namespace differ from the ones it was
// counted with. With `verify` (tests) the controller also walks the pods at every use and lists
// each difference in `mismatches`.
import type { Cluster } from '../cluster';
import { isActive, isPodReady } from '../podutil';
import { controllerOf, type KObject } from '../store';
import { compileSelector } from '../../k8s/labels';

export interface RsCounts {
  active: number;
  ready: number;
  /** Active pods whose labels include the template's (fullyLabeledReplicas). */
  fully: number;
  /** Active pods the selector no longer matches (ClaimPods would release them). */
  stray: number;
}

interface Entry {
  counts: RsCounts;
  /** The namespace, selector and template labels the pods were counted against. */
  fingerprint: string;
  ns: string;
  selects: ((labels: unknown) => boolean) | undefined;
  template: (labels: unknown) => boolean;
}

/** One pod's share in its ReplicaSet's counts. */
interface Share {
  rs: string;
  active: boolean;
  ready: boolean;
  fully: boolean;
  stray: boolean;
}

export class ReplicaSetCounts {
  /** The controller walks the pods too at every use and compares (tests and chaos runs). */
  static verify = false;
  /** What those walks found different (a sync's errors are caught and retried, so they are listed here). */
  static readonly mismatches: string[] = [];
  private entries = new Map<string, Entry>();
  private shares = new Map<string, Share>();

  constructor(private c: Cluster) {
    c.watch(['Pod'], (ev) => {
      const p = ev.object;
      const uid = p.metadata.uid;
      const ref = ev.type === 'DELETED' ? undefined : controllerOf(p);
      const e = ref && this.entries.get(ref.uid);
      if (!e || !this.c.store.isOwnedBy(ref.uid, p)) return this.drop(uid);
      const next = share(ref.uid, e, p);
      const prev = this.shares.get(uid);
      // Most updates (a status write, a restart) leave the pod's share as it was.
      if (prev && prev.rs === next.rs && prev.active === next.active && prev.ready === next.ready && prev.fully === next.fully && prev.stray === next.stray)
        return;
      this.drop(uid);
      this.add(uid, next);
    });
    c.watch(['ReplicaSet'], (ev) => {
      if (ev.type === 'DELETED') this.entries.delete(ev.object.metadata.uid);
    });
  }

  /** The counts of `rs`, counted now if they were not kept (or were kept for another selector or template). */
  of(rs: KObject): RsCounts {
    const uid = rs.metadata.uid;
    const fp = fingerprint(rs);
    let e = this.entries.get(uid);
    if (!e || e.fingerprint !== fp) e = this.recount(rs, fp);
    return e.counts;
  }

  private recount(rs: KObject, fp: string): Entry {
    const uid = rs.metadata.uid;
    const e: Entry = {
      counts: { active: 0, ready: 0, fully: 0, stray: 0 },
      fingerprint: fp,
      ns: rs.metadata.namespace ?? 'default',
      selects: hasSelector(rs) ? compileSelector(rs.spec.selector) : undefined,
      template: compileSelector({ matchLabels: rs.spec?.template?.metadata?.labels ?? {} }),
    };
    // Shares already kept for this ReplicaSet leave with the old entry.
    for (const [pod, s] of this.shares) if (s.rs === uid) this.shares.delete(pod);
    this.entries.set(uid, e);
    this.c.store.forEachOwned(uid, (p) => {
      if (p.kind !== 'Pod' || controllerOf(p)?.uid !== uid) return;
      this.drop(p.metadata.uid);
      this.add(p.metadata.uid, share(uid, e, p));
    });
    return e;
  }

  private add(pod: string, s: Share): void {
    const k = this.entries.get(s.rs)!.counts;
    this.shares.set(pod, s);
    if (!s.active) return;
    k.active++;
    if (s.ready) k.ready++;
    if (s.fully) k.fully++;
    if (s.stray) k.stray++;
  }

  private drop(pod: string): void {
    const s = this.shares.get(pod);
    if (!s) return;
    this.shares.delete(pod);
    const k = this.entries.get(s.rs)?.counts;
    if (!k || !s.active) return;
    k.active--;
    if (s.ready) k.ready--;
    if (s.fully) k.fully--;
    if (s.stray) k.stray--;
  }
}

/** What the ReplicaSet controller's walk finds of `p` (replicaset.ts scan and updateStatus). */
function share(rs: string, e: Entry, p: KObject): Share {
  const active = isActive(p);
  return {
    rs,
    active,
    ready: active && isPodReady(p),
    fully: active && e.template(p.metadata.labels),
    stray: active && isStray(p, e.ns, e.selects),
  };
}

/** A pod its ReplicaSet (namespace `ns`, compiled selector `selects`) no longer claims: another namespace, or labels the selector does not match. */
export function isStray(p: KObject, ns: string, selects: ((labels: unknown) => boolean) | undefined): boolean {
  return !!selects && ((p.metadata.namespace ?? 'default') !== ns || !selects(p.metadata.labels ?? {}));
}

export function hasSelector(rs: KObject): boolean {
  const sel = rs.spec?.selector;
  return !!sel && (Object.keys(sel.matchLabels ?? {}).length > 0 || (Array.isArray(sel.matchExpressions) && sel.matchExpressions.length > 0));
}

function fingerprint(rs: KObject): string {
  return JSON.stringify([rs.metadata.namespace ?? 'default', rs.spec?.selector ?? null, rs.spec?.template?.metadata?.labels ?? null]);
}
