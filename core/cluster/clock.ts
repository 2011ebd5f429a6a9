// The virtual clock and its timer queue: a binary min-heap of timed work items ordered by
// (time, insertion sequence), so items due at the same instant run in the order they were set.
// Time is integer milliseconds since the simulation started; nothing here reads the wall clock.

export interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class VirtualClock {
  /** Milliseconds since the simulation started. */
  now = 0;
  private heap: Timer[] = [];
  private seq = 0;

  /** Runs `fn` when the clock reaches `at` (ms); a time in the past runs at the next step. */
  at(at: number, fn: () => void): Timer {
    const t: Timer = { at: Math.max(Math.round(at), this.now), seq: this.seq++, fn, cancelled: false };
    this.push(t);
    return t;
  }

  after(ms: number, fn: () => void): Timer {
    return this.at(this.now + ms, fn);
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Time of the next live timer, or undefined. */
  peek(): number | undefined {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
    return this.heap.length ? this.heap[0].at : undefined;
  }

  /** Removes and returns every live timer due at exactly the earliest due time ≤ `limit`. */
  popDue(limit: number): Timer[] {
    const first = this.peek();
    if (first === undefined || first > limit) return [];
    const out: Timer[] = [];
    while (this.heap.length && this.heap[0].at === first) {
      const t = this.pop()!;
      if (!t.cancelled) out.push(t);
    }
    return out;
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(h[p], h[i])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l], h[m])) m = l;
        if (r < h.length && less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

function less(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Parses "90", "90s", "1m30s", "500ms", "2h" into milliseconds; undefined if malformed. */
export function parseDuration(s: string | number | undefined): number | undefined {
  if (typeof s === 'number') return Number.isFinite(s) && s >= 0 ? Math.round(s * 1000) : undefined;
  if (typeof s !== 'string') return undefined;
  const str = s.trim();
  if (/^\d+(\.\d+)?$/.test(str)) return Math.round(Number(str) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(str))) {
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60000 : n * 3600000;
    pos = re.lastIndex;
  }
  if (pos !== str.length || str.length === 0) return undefined;
  return Math.round(total);
}

/** kubectl's duration.HumanDuration (k8s.io/apimachinery/pkg/util/duration). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** Short form used in "back-off 10s" / "5m0s" messages (Go's time.Duration String). */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}
