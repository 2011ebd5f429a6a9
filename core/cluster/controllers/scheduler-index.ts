// What the scheduler knows about the pods already placed (kube-scheduler's NodeInfo and the
// PreFilter counts of InterPodAffinity and PodTopologySpread), kept incrementally so a scheduling
// decision never walks every pod: each pod held on a node with its requests (plain and non-zero),
// its labels, and its required anti-affinity terms; and for every label selector the scheduler has
// asked about, the number of matching pods per node and per topology domain. A selector is counted
// once (a scan of its namespace's held pods) and then kept up to date as pods come and go; the
// least recently used ones are dropped beyond MAX_SELECTORS.
import { selectorMatches } from '../../k8s/labels';

/** kube-scheduler's non-zero defaults (pkg/scheduler/util): what a pod without requests counts as when scoring. */
export const DEFAULT_MILLI_CPU = 0.1;
export const DEFAULT_MEMORY = 200 * 1024 * 1024;

/** A required pod (anti-)affinity term, resolved: which namespaces, which pods, which topology. */
export interface Term {
  /** undefined = every namespace (`namespaceSelector: {}`). */
  namespaces: string[] | undefined;
  selector: unknown;
  topologyKey: string;
}

export interface Held {
  uid: string;
  node: string;
  ns: string;
  labels: Record<string, string>;
  cpu: number;
  memory: number;
  nzCpu: number;
  nzMemory: number;
  terminating: boolean;
  /** Its required anti-affinity terms (other pods must keep out of its domains). */
  anti?: Term[];
  /**
   * Its terms that score an incoming pod they select (InterPodAffinity's symmetry): required
   * affinity at hardPodAffinityWeight 1, preferred affinity at +weight, preferred anti-affinity at −weight.
   */
  scoring?: WeightedTerm[];
}

/** A term with the weight it adds to a node's InterPodAffinity score (negative for anti-affinity). */
export interface WeightedTerm {
  term: Term;
  weight: number;
}

export interface Usage {
  cpu: number;
  memory: number;
  nzCpu: number;
  nzMemory: number;
  pods: number;
}

/** Matching pods: `all` (InterPodAffinity counts terminating pods too) and `live` (PodTopologySpread does not). */
export interface Count {
  all: number;
  live: number;
}

interface Entry {
  ns: string;
  selector: unknown;
  /** The selector as a predicate (matchLabels compared directly). */
  matches: (labels: Record<string, string>) => boolean;
  perNode: Map<string, Count>;
  /** topologyKey → domain value → count (built on first use from perNode). */
  domains: Map<string, Map<string, Count>>;
}

const MAX_SELECTORS = 512;

export class PodIndex {
  readonly held = new Map<string, Held>();
  private byNs = new Map<string, Set<Held>>();
  private usage = new Map<string, Usage>();
  private entries = new Map<string, Entry>();
  /** Held pods with required anti-affinity terms (few; walked for every decision). */
  readonly withAnti = new Set<Held>();
  /** Held pods with pod (anti-)affinity terms that score others (few; walked for every decision). */
  readonly withScoring = new Set<Held>();

  constructor(private nodeLabels: (node: string) => Record<string, string> | undefined) {}

  usageOf(node: string): Usage {
    let u = this.usage.get(node);
    if (!u) this.usage.set(node, (u = { cpu: 0, memory: 0, nzCpu: 0, nzMemory: 0, pods: 0 }));
    return u;
  }

  add(h: Held): void {
    this.held.set(h.uid, h);
    let s = this.byNs.get(h.ns);
    if (!s) this.byNs.set(h.ns, (s = new Set()));
    s.add(h);
    if (h.anti?.length) this.withAnti.add(h);
    if (h.scoring?.length) this.withScoring.add(h);
    this.account(h, 1);
  }

  remove(uid: string): Held | undefined {
    const h = this.held.get(uid);
    if (!h) return undefined;
    this.held.delete(uid);
    this.byNs.get(h.ns)?.delete(h);
    this.withAnti.delete(h);
    this.withScoring.delete(h);
    this.account(h, -1);
    return h;
  }

  /** A held pod got its deletionTimestamp: PodTopologySpread stops counting it. */
  markTerminating(uid: string): void {
    const h = this.held.get(uid);
    if (!h || h.terminating) return;
    for (const e of this.entries.values()) if (e.ns === h.ns && e.matches(h.labels)) bump(e, h, 0, -1, this.nodeLabels);
    h.terminating = true;
  }

  private account(h: Held, sign: 1 | -1): void {
    const u = this.usageOf(h.node);
    u.cpu += sign * h.cpu;
    u.memory += sign * h.memory;
    u.nzCpu += sign * h.nzCpu;
    u.nzMemory += sign * h.nzMemory;
    u.pods += sign;
    for (const e of this.entries.values()) {
      if (e.ns === h.ns && e.matches(h.labels)) bump(e, h, sign, h.terminating ? 0 : sign, this.nodeLabels);
    }
  }

  /** Node labels changed: domain counts are rebuilt from the per-node counts on next use. */
  nodesRelabelled(): void {
    for (const e of this.entries.values()) e.domains.clear();
  }

  private keys = new WeakMap<object, string>();
  /** The entry asked for last, with the selector object it was asked with (a pod's constraints and the next pod of a set ask again). */
  private last: { ns: string; selector: unknown; e: Entry } | undefined;

  private entry(ns: string, selector: unknown): Entry {
    const last = this.last;
    if (last && last.selector === selector && last.ns === ns) return last.e;
    const e = this.lookup(ns, selector);
    this.last = { ns, selector, e };
    return e;
  }

  private lookup(ns: string, selector: unknown): Entry {
    let sk = selector && typeof selector === 'object' ? this.keys.get(selector) : undefined;
    if (sk === undefined) {
      sk = JSON.stringify(selector);
      if (selector && typeof selector === 'object') this.keys.set(selector, sk);
    }
    const key = `${ns}\u0000${sk}`;
    let e = this.entries.get(key);
    if (e) {
      // Most recently used last, so the oldest is first when the table is full.
      this.entries.delete(key);
      this.entries.set(key, e);
      return e;
    }
    if (this.entries.size >= MAX_SELECTORS) this.entries.delete(this.entries.keys().next().value!);
    e = { ns, selector, matches: compile(selector), perNode: new Map(), domains: new Map() };
    for (const h of this.byNs.get(ns) ?? []) if (e.matches(h.labels)) bump(e, h, 1, h.terminating ? 0 : 1, this.nodeLabels);
    this.entries.set(key, e);
    return e;
  }

  /** Pods of `namespaces` (undefined = all) matching `selector`, on one node. */
  onNode(namespaces: string[] | undefined, selector: unknown, node: string): Count {
    const out = { all: 0, live: 0 };
    for (const ns of namespaces ?? this.byNs.keys()) {
      const c = this.entry(ns, selector).perNode.get(node);
      if (c) {
        out.all += c.all;
        out.live += c.live;
      }
    }
    return out;
  }

  /** Pods of `namespaces` (undefined = all) matching `selector`, per value of `topologyKey`. */
  perDomain(namespaces: string[] | undefined, selector: unknown, topologyKey: string): Map<string, Count> {
    if (namespaces?.length === 1) return this.domainsOf(this.entry(namespaces[0], selector), topologyKey);
    const list = [...(namespaces ?? this.byNs.keys())].map((ns) => this.domainsOf(this.entry(ns, selector), topologyKey));
    if (list.length === 1) return list[0];
    const out = new Map<string, Count>();
    for (const m of list) for (const [v, c] of m) add(out, v, c.all, c.live);
    return out;
  }

  private domainsOf(e: Entry, key: string): Map<string, Count> {
    let m = e.domains.get(key);
    if (m) return m;
    m = new Map();
    for (const [node, c] of e.perNode) {
      const v = this.nodeLabels(node)?.[key];
      if (v !== undefined) add(m, v, c.all, c.live);
    }
    e.domains.set(key, m);
    return m;
  }
}

/** A LabelSelector as a predicate: a plain matchLabels is compared pair by pair, anything else goes through selectorMatches. */
function compile(selector: unknown): (labels: Record<string, string>) => boolean {
  const s = selector as { matchLabels?: Record<string, unknown>; matchExpressions?: unknown[] } | null;
  if (
    !s ||
    typeof s !== 'object' ||
    (Array.isArray(s.matchExpressions) && s.matchExpressions.length) ||
    Object.keys(s).some((k) => k !== 'matchLabels' && k !== 'matchExpressions')
  )
    return (labels) => selectorMatches(selector, labels);
  const pairs = Object.entries(s.matchLabels ?? {}).map(([k, v]) => [k, String(v)] as const);
  return (labels) => {
    for (const [k, v] of pairs) if (labels[k] !== v) return false;
    return true;
  };
}

function add(m: Map<string, Count>, k: string, all: number, live: number): void {
  const c = m.get(k);
  if (!c) {
    if (all || live) m.set(k, { all, live });
    return;
  }
  c.all += all;
  c.live += live;
  if (c.all <= 0 && c.live <= 0) m.delete(k);
}

function bump(e: Entry, h: Held, all: number, live: number, nodeLabels: (node: string) => Record<string, string> | undefined): void {
  add(e.perNode, h.node, all, live);
  if (!e.domains.size) return;
  const labels = nodeLabels(h.node);
  for (const [key, m] of e.domains) {
    const v = labels?.[key];
    if (v !== undefined) add(m, v, all, live);
  }
}
