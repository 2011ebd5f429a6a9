// Simulator verbs that break and mend things: crash / oom a container, fail / recover / add / fill a node.
import type { Kubelet } from '../../cluster/controllers/kubelet';
import type { NodeLifecycle } from '../../cluster/controllers/nodes';
import type { LocalEvictionManager } from '../../cluster/controllers/eviction-local';
import { formatBytes, parseQuantity } from '../../k8s/quantity';
import type { KObject } from '../../cluster/store';
import { t } from '../../i18n/index';
import { parseSelector } from '../../k8s/selector';
import { simMsg } from '../messages';
import { fail, flag, nodeName, ok } from '../args';
import type { Verb } from '../verb';
import { unknownNode } from './nodes';
import type { ContainerStatus } from '../../k8s/types';

/** crash / oom (the verb decides which): the first running container of each pod, or `-c`. */
export const crash: Verb = {
  summary: 'Simulator: a container exits with an error (crash) or over its memory limit (oom: OOMKilled).',
  usage: ['crash pod NAME... | -l SEL [--count N] [-c CONTAINER] [--exit-code N]', 'oom pod NAME... | -l SEL [--count N] [-c CONTAINER]'],
  valueFlags: ['count', 'c', 'container', 'exit-code'],
  run({ c, verb, a, sel, L, ns, get }) {
    const kubelet = c.hook<Kubelet>('kubelet');
    const what = a.pos[0] === 'pod' || a.pos[0] === 'pods' ? a.pos.slice(1) : a.pos;
    let pods = sel
      ? c.list('Pod', ns).filter((p) => parseSelector(sel)(p.metadata.labels))
      : what.map((n) => get('Pod', n.replace(/^pods?\//, ''))).filter((p): p is KObject => !!p);
    pods = pods.filter((p) => !p.metadata.deletionTimestamp).sort((x, y) => (x.metadata.name < y.metadata.name ? -1 : 1));
    const count = Number(flag(a, 'count') ?? pods.length);
    const container = flag(a, 'c', 'container');
    const oom = verb === 'oom';
    const code = oom ? 137 : Number(flag(a, 'exit-code') ?? 1);
    const out: string[] = [];
    for (const p of pods) {
      if (out.length >= count) break;
      const cname = container ?? p.status?.containerStatuses?.find((s: ContainerStatus) => s.state?.running)?.name;
      const done = oom ? kubelet.oom(p, cname) : kubelet.crash(p, cname, code);
      if (done) out.push(t(simMsg('sim.crash.done', { pod: p.metadata.name, container: cname ?? '', code, reason: oom ? 'OOMKilled' : 'Error' }), L));
    }
    c.settle();
    return out.length ? ok(out.join('\n')) : fail(t('sim.crash.none', L));
  },
};

/** fail / recover (the verb decides which). */
export const failNode: Verb = {
  summary: 'Simulator: a node stops reporting (fail) or comes back (recover).',
  usage: ['fail node NODE', 'recover node NODE'],
  run({ c, verb, a, L }) {
    const name = nodeName(a.pos[0] === 'node' ? a.pos[1] : a.pos[0]);
    if (!name || !c.get('Node', undefined, name)) return unknownNode(name, L);
    const nodes = c.hook<NodeLifecycle>('nodes');
    const done = verb === 'fail' ? nodes.failNode(name) : nodes.recoverNode(name);
    c.settle();
    return done ? ok(t(simMsg(verb === 'fail' ? 'sim.node.failed' : 'sim.node.recovered', { node: name }), L)) : ok('');
  },
};

export const add: Verb = {
  summary: 'Simulator: add a node to the cluster.',
  usage: ['add node [NAME] [--cpu 4] [--memory 8Gi]'],
  valueFlags: ['cpu', 'memory'],
  run({ c, a, L, line }) {
    if (a.pos[0] !== 'node' && a.pos[0] !== 'nodes') return fail(t(simMsg('sim.unknownCommand', { cmd: line.trim() }), L));
    const name = a.pos[1];
    if (name && c.get('Node', undefined, name)) return fail(`Error from server (AlreadyExists): nodes "${name}" already exists`);
    const n = c
      .hook<NodeLifecycle>('nodes')
      .addNode(name ?? `node-${c.list('Node').length + 1}`, flag(a, 'cpu') ?? c.options.nodeCpu, flag(a, 'memory') ?? c.options.nodeMemory);
    c.settle();
    return ok(t(simMsg('sim.node.added', { node: n.metadata.name }), L));
  },
};

/** fill: something outside the node's pods (logs, images, a runaway daemon) uses its disk or process IDs. */
export const fill: Verb = {
  summary: "Simulator: use a node's disk or process IDs outside its pods (DiskPressure, PIDPressure).",
  usage: ['fill node NODE [--disk SIZE] [--pids N]'],
  valueFlags: ['disk', 'pids'],
  run({ c, a, L }) {
    const name = nodeName(a.pos[0] === 'node' || a.pos[0] === 'nodes' ? a.pos[1] : a.pos[0]);
    if (!name || !c.get('Node', undefined, name)) return unknownNode(name, L);
    const diskFlag = flag(a, 'disk');
    const pidsFlag = flag(a, 'pids');
    const disk = diskFlag === undefined ? undefined : parseQuantity(diskFlag);
    const pids = pidsFlag === undefined ? undefined : Number(pidsFlag);
    const bad = (diskFlag !== undefined && (disk === undefined || disk < 0)) || (pidsFlag !== undefined && !(Number.isInteger(pids) && pids! >= 0));
    if (bad || (diskFlag === undefined && pidsFlag === undefined)) return fail(t('sim.node.fillUsage', L));
    const now = c.hook<LocalEvictionManager>('eviction-local').fill(name, disk, pids);
    c.settle();
    return ok(t(simMsg('sim.node.filled', { node: name, disk: formatBytes(now.disk), pids: now.pids }), L));
  },
};
