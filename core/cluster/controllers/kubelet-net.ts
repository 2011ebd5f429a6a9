// Addresses the kubelet hands out: the node's IP (hostIP) and pod IPs from the node's podCIDR.
import type { Cluster } from '../cluster';
import { asKind } from '../store';

export class NodeAddresses {
  private ipSeq = new Map<string, number>();

  constructor(private c: Cluster) {}

  /** The node's InternalIP. */
  nodeIP(node: string): string {
    const n = asKind(this.c.get('Node', undefined, node), 'Node');
    return n?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '10.0.0.1';
  }

  /** The next pod IP from the node's podCIDR. */
  allocIP(node: string): string {
    const n = asKind(this.c.get('Node', undefined, node), 'Node');
    const cidr = n?.spec?.podCIDR ?? '10.244.0.0/24';
    const base = cidr.split('/')[0].split('.').map(Number);
    const seq = (this.ipSeq.get(node) ?? 1) + 1;
    this.ipSeq.set(node, seq);
    const host = ((seq - 2) % 65000) + 2;
    return `${base[0]}.${base[1]}.${base[2] + Math.floor(host / 256)}.${host % 256}`;
  }
}
