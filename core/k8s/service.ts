// Service facts: its type and the nodePort range the API server allocates from.
import type { Resource } from '../manifest/parse';
import { getAt } from './podspec';

/** The API server's default --service-node-port-range. */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

/** spec.type, defaulted as the API server does. */
export function serviceType(res: Resource): string {
  const t = getAt(res.obj, ['spec', 'type']);
  return typeof t === 'string' ? t : 'ClusterIP';
}

/** A free nodePort close to `wanted`: keeps its last three digits when it is below the range (80 → 30080). */
export function suggestNodePort(wanted: number, used: Set<number>): number | undefined {
  let start: number;
  if (!Number.isFinite(wanted) || wanted > NODE_PORT_MAX) start = NODE_PORT_MAX;
  else if (wanted < NODE_PORT_MIN) start = NODE_PORT_MIN + (Math.max(0, Math.trunc(wanted)) % 1000);
  else start = Math.trunc(wanted);
  for (let d = 0; d <= NODE_PORT_MAX - NODE_PORT_MIN; d++) {
    for (const p of [start + d, start - d]) if (p >= NODE_PORT_MIN && p <= NODE_PORT_MAX && !used.has(p)) return p;
  }
  return undefined;
}
