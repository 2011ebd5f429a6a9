// The kubectl-style command line the side panel, lessons, scripts and tests drive the simulator
// with: kubectl verbs (get, apply, delete, scale, set image, set selector, rollout ..., cordon,
// uncordon, drain, label, taint, create job/secret/configmap) and simulator verbs (crash, oom,
// fail/recover/add node, request, canary, advance).
import type { Cluster } from '../cluster/cluster';
import { parseDuration } from '../cluster/clock';
import { applyFiles } from '../cluster/apply';
import type { KObject } from '../cluster/store';
import { controllerOf } from '../cluster/store';
import { templateKey } from '../cluster/controllers/deployment';
import type { Kubelet } from '../cluster/controllers/kubelet';
import type { NodeLifecycle } from '../cluster/controllers/nodes';
import type { EndpointsController } from '../cluster/controllers/services';
import type { CronJobController } from '../cluster/controllers/cronjob';
import { KIND_ALIASES, printGet, resourceName, rolloutHistory, rolloutStatus } from './printers';
import { t, type Locale } from '../i18n/index';
import './messages';
import { parseFile } from '../manifest/parse';
import { parseSelector } from '../k8s/selector';
import { canary, setSelector } from './traffic';

export interface CommandEnv {
  locale?: Locale;
  /** Reads a file named in `apply -f` / `delete -f` (scripts resolve it next to themselves). */
  readFile?: (path: string) => string;
  namespace?: string;
}

export interface CommandResult {
  output: string;
  error: boolean;
  /** `request`: the pods the requests reached (served or refused), in order. */
  answered?: { namespace: string; name: string }[];
}

/** Splits a command line like a shell (quotes, backslash escapes); `#` starts a comment. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let q: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === q) q = null;
      else if (ch === '\\' && q === '"' && i + 1 < line.length) cur += line[++i];
      else cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      q = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else if (ch === '#' && !has) break;
    else {
      cur += ch;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

interface Args {
  pos: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['n', 'namespace', 'l', 'selector', 'o', 'output', 'f', 'filename', 'replicas', 'to-revision', 'count', 'c', 'container', 'exit-code', 'from', 'from-literal', 'grace-period', 'cpu', 'memory', 'port', 'image']);

function parseArgs(tokens: string[]): Args {
  const pos: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i];
    const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(tk);
    if (!m || tk === '-') {
      pos.push(tk);
      continue;
    }
    const name = m[1];
    if (m[2] !== undefined) addFlag(flags, name, m[2]);
    else if (VALUE_FLAGS.has(name) && i + 1 < tokens.length) addFlag(flags, name, tokens[++i]);
    else flags.set(name, true);
  }
  return { pos, flags };
}

function addFlag(flags: Map<string, string | true>, name: string, v: string): void {
  const prev = flags.get(name);
  flags.set(name, typeof prev === 'string' && name === 'from-literal' ? `${prev}\u0000${v}` : v);
}

function flag(a: Args, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = a.flags.get(n);
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/** "deployment/web" or ("deployment", "web") → kind + name. */
function target(a: Args, i = 0): { kind?: string; name?: string; next: number } {
  const first = a.pos[i];
  if (!first) return { next: i };
  if (first.includes('/')) {
    const [k, n] = first.split('/');
    return { kind: KIND_ALIASES[k.toLowerCase()] ?? KIND_ALIASES[k.toLowerCase().split('.')[0]], name: n, next: i + 1 };
  }
  return { kind: KIND_ALIASES[first.toLowerCase()] ?? KIND_ALIASES[first.toLowerCase().split('.')[0]], name: a.pos[i + 1], next: i + 2 };
}

const ok = (output: string): CommandResult => ({ output: output.endsWith('\n') || !output ? output : output + '\n', error: false });
const fail = (output: string): CommandResult => ({ output: output.endsWith('\n') ? output : output + '\n', error: true });
const notFound = (kind: string, name: string) => fail(`Error from server (NotFound): ${resourceName(kind).split('.')[0]}s${resourceName(kind).includes('.') ? '.' + resourceName(kind).split('.').slice(1).join('.') : ''} "${name}" not found`);

function podSpecHolder(o: KObject): any {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

/** Runs one command line against the cluster. Never throws. */
export function runCommand(c: Cluster, line: string, env: CommandEnv = {}): CommandResult {
  try {
    return run(c, line, env);
  } catch (e) {
    return fail(`error: ${String((e as Error)?.message ?? e)}`);
  }
}

function run(c: Cluster, line: string, env: CommandEnv): CommandResult {
  const L = env.locale ?? 'en';
  let tokens = tokenize(line);
  if (tokens[0] === 'kubectl') tokens = tokens.slice(1);
  if (!tokens.length) return ok('');
  const [verb, ...rest] = tokens;
  const a = parseArgs(rest);
  const ns = flag(a, 'n', 'namespace') ?? env.namespace ?? 'default';
  const sel = flag(a, 'l', 'selector');
  const get = (kind: string, name: string) => c.get(kind, ns, name);
  switch (verb) {
    case 'get': {
      const types = (a.pos[0] ?? '').split(',').filter(Boolean);
      if (!types.length) return fail('error: You must specify the type of resource to get.');
      let names = a.pos.slice(1);
      const kinds: string[] = [];
      for (const ty of types) {
        const [k, n] = ty.split('/');
        const kind = KIND_ALIASES[k.toLowerCase()];
        if (!kind) return fail(`error: the server doesn't have a resource type "${k}"`);
        kinds.push(kind);
        if (n) names = [...names, n];
      }
      const o = flag(a, 'o', 'output');
      const all = a.flags.has('A') || a.flags.has('all-namespaces');
      if (o === 'json' || o === 'yaml') {
        const items = kinds.flatMap((k) => c.list(k).filter((x) => all || k === 'Node' || (x.metadata.namespace ?? 'default') === ns).filter((x) => !names.length || names.includes(x.metadata.name)));
        return ok(JSON.stringify(items.length === 1 && names.length === 1 ? items[0] : { apiVersion: 'v1', kind: 'List', items }, null, 2));
      }
      if (o === 'name') {
        const items = kinds.flatMap((k) => c.list(k).filter((x) => all || k === 'Node' || (x.metadata.namespace ?? 'default') === ns).filter((x) => !names.length || names.includes(x.metadata.name)).map((x) => `${resourceName(k)}/${x.metadata.name}`));
        return ok(items.join('\n'));
      }
      const parts = kinds.map((k) => printGet(c, k, { namespace: ns, allNamespaces: all, selector: sel ? parseSelector(sel) : undefined, names, wide: o === 'wide', withKind: kinds.length > 1 })).filter(Boolean);
      if (!parts.length) return ok(all ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
      return ok(parts.join('\n'));
    }
    case 'apply':
    case 'create': {
      const file = flag(a, 'f', 'filename');
      if (verb === 'create' && !file) return createVerb(c, a, ns);
      if (!file) return fail('error: must specify one of -f and -k');
      if (!env.readFile) return fail('error: reading files is not available here');
      const text = env.readFile(file);
      const r = applyFiles(c, [{ uri: file, text }]);
      const lines = [...r.lines, ...r.diagnostics.map((d) => `error: ${file}:${d.range.start.line + 1}: ${t(d.message, L)} (${d.code})`), ...r.errors, ...r.notSimulated.map((o) => t({ id: 'sim.notSimulated', args: { object: o } }, L))];
      return { output: lines.join('\n') + '\n', error: r.errors.length + r.diagnostics.length > 0 };
    }
    case 'delete': {
      const file = flag(a, 'f', 'filename');
      const grace = flag(a, 'grace-period');
      const opts = { gracePeriodSeconds: a.flags.has('force') && grace === undefined ? 0 : grace !== undefined ? Number(grace) : undefined };
      let victims: KObject[] = [];
      if (file) {
        if (!env.readFile) return fail('error: reading files is not available here');
        for (const r of parseFile(file, env.readFile(file)).resources) {
          const o = r.name ? c.get(r.kind, r.namespace ?? ns, r.name) : undefined;
          if (o) victims.push(o);
        }
      } else {
        const tg = target(a);
        if (!tg.kind) return fail(`error: the server doesn't have a resource type "${a.pos[0] ?? ''}"`);
        if (sel) victims = c.list(tg.kind, tg.kind === 'Node' ? undefined : ns).filter((o) => parseSelector(sel)(o.metadata.labels));
        else {
          const names = a.pos[0]?.includes('/') ? a.pos.filter((p) => p.includes('/')).map((p) => p.split('/')[1]) : a.pos.slice(1);
          for (const n of names) {
            const o = get(tg.kind, n);
            if (!o) return notFound(tg.kind, n);
            victims.push(o);
          }
        }
      }
      if (!victims.length) return ok('No resources found');
      const out: string[] = [];
      for (const o of victims) {
        if (o.kind === 'Namespace') for (const k of c.store.kinds()) for (const x of c.list(k, o.metadata.name)) c.delete(x, opts);
        c.delete(o, opts);
        out.push(`${resourceName(o.kind).split('.')[0]} "${o.metadata.name}" deleted`);
      }
      c.settle();
      return ok(out.join('\n'));
    }
    case 'scale': {
      const tg = target(a);
      const replicas = Number(flag(a, 'replicas'));
      if (!tg.kind || !tg.name) return fail('error: required resource not specified');
      if (!Number.isInteger(replicas) || replicas < 0) return fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
      const o = get(tg.kind, tg.name);
      if (!o) return notFound(tg.kind, tg.name);
      if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'Job'].includes(o.kind)) return fail(`error: cannot scale ${resourceName(o.kind)}`);
      if (o.kind === 'Job') o.spec.parallelism = replicas;
      else o.spec.replicas = replicas;
      c.update(o, true);
      c.settle();
      return ok(`${resourceName(o.kind)}/${o.metadata.name} scaled`);
    }
    case 'set': {
      if (a.pos[0] === 'selector') {
        const tg = target({ pos: a.pos.slice(1), flags: a.flags });
        return setSelector(c, tg.kind, tg.name, ns, a.pos[1 + tg.next]);
      }
      if (a.pos[0] !== 'image') return fail(`error: unknown command "set ${a.pos[0] ?? ''}"`);
      const sub: Args = { pos: a.pos.slice(1), flags: a.flags };
      const tg = target(sub);
      if (!tg.kind || !tg.name) return fail('error: required resource not specified');
      const o = get(tg.kind, tg.name);
      if (!o) return notFound(tg.kind, tg.name);
      const spec = podSpecHolder(o);
      let changed = false;
      for (const pair of sub.pos.slice(tg.next)) {
        const [cn, img] = pair.split('=');
        if (!img) return fail(`error: invalid image assignment "${pair}"`);
        const list = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].filter((x: any) => cn === '*' || x.name === cn);
        if (!list.length) return fail(`error: unable to find container named "${cn}"`);
        for (const x of list) {
          if (x.image !== img) changed = true;
          x.image = img;
        }
      }
      if (changed) {
        c.update(o, o.kind !== 'Pod');
        c.settle();
        return ok(`${resourceName(o.kind)}/${o.metadata.name} image updated`);
      }
      return ok('');
    }
    case 'rollout':
      return rollout(c, a, ns);
    case 'cordon':
    case 'uncordon': {
      const nodes = c.hook<NodeLifecycle>('nodes');
      const name = a.pos[0]?.replace(/^nodes?\//, '');
      if (!name || !c.get('Node', undefined, name)) return fail(t({ id: 'sim.node.unknown', args: { node: name ?? '' } }, L));
      const changed = nodes.setUnschedulable(name, verb === 'cordon');
      c.settle();
      return ok(`node/${name} ${changed ? '' : 'already '}${verb}ed`);
    }
    case 'drain': {
      const nodes = c.hook<NodeLifecycle>('nodes');
      const name = a.pos[0]?.replace(/^nodes?\//, '');
      if (!name || !c.get('Node', undefined, name)) return fail(t({ id: 'sim.node.unknown', args: { node: name ?? '' } }, L));
      const pods = c.list('Pod').filter((p) => p.spec?.nodeName === name && !p.metadata.deletionTimestamp);
      const ds = pods.filter((p) => controllerOf(p)?.kind === 'DaemonSet');
      const bare = pods.filter((p) => !controllerOf(p));
      const out: string[] = [];
      nodes.setUnschedulable(name, true);
      out.push(`node/${name} cordoned`);
      const errs: string[] = [];
      if (ds.length && !a.flags.has('ignore-daemonsets')) errs.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
      if (bare.length && !a.flags.has('force')) errs.push(`cannot delete Pods that declare no controller (use --force to override): ${bare.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
      if (errs.length) return fail(out.concat(`error: unable to drain node "${name}" due to error: ${errs.join(', ')}, continuing command...`, `There are pending nodes to be drained:\n ${name}`).join('\n'));
      if (ds.length) out.push(`Warning: ignoring DaemonSet-managed Pods: ${ds.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
      const evict = pods.filter((p) => !ds.includes(p));
      for (const p of evict) out.push(`evicting pod ${p.metadata.namespace}/${p.metadata.name}`);
      for (const p of evict) {
        c.delete(p);
        out.push(`pod/${p.metadata.name} evicted`);
      }
      out.push(`node/${name} drained`);
      c.settle();
      return ok(out.join('\n'));
    }
    case 'label': {
      const tg = target(a);
      if (!tg.kind || !tg.name) return fail('error: required resource not specified');
      const o = tg.kind === 'Node' ? c.get('Node', undefined, tg.name) : get(tg.kind, tg.name);
      if (!o) return notFound(tg.kind, tg.name);
      const labels = { ...(o.metadata.labels ?? {}) };
      for (const kv of a.pos.slice(tg.next)) {
        if (kv.endsWith('-')) delete labels[kv.slice(0, -1)];
        else {
          const [k, v] = kv.split('=');
          if (v === undefined) return fail(`error: invalid label spec: ${kv}`);
          if (k in labels && labels[k] !== v && !a.flags.has('overwrite')) return fail(`error: '${k}' already has a value (${labels[k]}), and --overwrite is false`);
          labels[k] = v;
        }
      }
      o.metadata.labels = labels;
      c.update(o);
      c.settle();
      return ok(`${resourceName(o.kind)}/${o.metadata.name} labeled`);
    }
    case 'taint': {
      const sub: Args = { pos: a.pos[0] === 'nodes' || a.pos[0] === 'node' ? a.pos.slice(1) : a.pos, flags: a.flags };
      const name = sub.pos[0]?.replace(/^nodes?\//, '');
      if (!name || !c.get('Node', undefined, name)) return fail(t({ id: 'sim.node.unknown', args: { node: name ?? '' } }, L));
      const nodes = c.hook<NodeLifecycle>('nodes');
      for (const spec of sub.pos.slice(1)) {
        const m = /^([^=:]+)(?:=([^:]*))?(?::(NoSchedule|PreferNoSchedule|NoExecute))?(-)?$/.exec(spec);
        if (!m) return fail(`error: invalid taint spec: ${spec}`);
        nodes.taint(name, { key: m[1], value: m[2], effect: m[3] ?? '' }, !!m[4]);
      }
      c.settle();
      return ok(`node/${name} ${sub.pos.slice(1).some((s) => s.endsWith('-')) ? 'untainted' : 'tainted'}`);
    }
    // ----- simulator verbs ---------------------------------------------------------------------
    case 'crash':
    case 'oom': {
      const kubelet = c.hook<Kubelet>('kubelet');
      const what = a.pos[0] === 'pod' || a.pos[0] === 'pods' ? a.pos.slice(1) : a.pos;
      let pods = sel ? c.list('Pod', ns).filter((p) => parseSelector(sel)(p.metadata.labels)) : what.map((n) => get('Pod', n.replace(/^pods?\//, ''))).filter((p): p is KObject => !!p);
      pods = pods.filter((p) => !p.metadata.deletionTimestamp).sort((x, y) => (x.metadata.name < y.metadata.name ? -1 : 1));
      const count = Number(flag(a, 'count') ?? pods.length);
      const container = flag(a, 'c', 'container');
      const code = Number(flag(a, 'exit-code') ?? 1);
      const out: string[] = [];
      for (const p of pods) {
        if (out.length >= count) break;
        const cname = container ?? p.status?.containerStatuses?.find((s: any) => s.state?.running)?.name;
        const done = verb === 'oom' ? kubelet.oom(p, cname) : kubelet.crash(p, cname, code);
        if (done) out.push(t({ id: 'sim.crash.done', args: { pod: p.metadata.name, container: cname ?? '', code: verb === 'oom' ? 137 : code, reason: verb === 'oom' ? 'OOMKilled' : 'Error' } }, L));
      }
      c.settle();
      return out.length ? ok(out.join('\n')) : fail(t('sim.crash.none', L));
    }
    case 'fail':
    case 'recover': {
      const name = (a.pos[0] === 'node' ? a.pos[1] : a.pos[0])?.replace(/^nodes?\//, '');
      const nodes = c.hook<NodeLifecycle>('nodes');
      if (!name || !c.get('Node', undefined, name)) return fail(t({ id: 'sim.node.unknown', args: { node: name ?? '' } }, L));
      const done = verb === 'fail' ? nodes.failNode(name) : nodes.recoverNode(name);
      c.settle();
      return done ? ok(t({ id: verb === 'fail' ? 'sim.node.failed' : 'sim.node.recovered', args: { node: name } }, L)) : ok('');
    }
    case 'add': {
      const name = a.pos[0] === 'node' ? a.pos[1] : a.pos[0] === 'nodes' ? a.pos[1] : undefined;
      if (a.pos[0] !== 'node' && a.pos[0] !== 'nodes') return fail(t({ id: 'sim.unknownCommand', args: { cmd: line.trim() } }, L));
      if (name && c.get('Node', undefined, name)) return fail(`Error from server (AlreadyExists): nodes "${name}" already exists`);
      const n = c.hook<NodeLifecycle>('nodes').addNode(name ?? `node-${c.list('Node').length + 1}`, flag(a, 'cpu') ?? c.options.nodeCpu, flag(a, 'memory') ?? c.options.nodeMemory);
      c.settle();
      return ok(t({ id: 'sim.node.added', args: { node: n.metadata.name } }, L));
    }
    case 'request': {
      const tg = target(a);
      const name = tg.name;
      if (tg.kind !== 'Service' || !name) return fail(t({ id: 'sim.badArgs', args: { detail: 'request service/NAME [--count N]' } }, L));
      const svc = get('Service', name);
      if (!svc) return notFound('Service', name);
      const count = Math.max(1, Math.min(10000, Number(flag(a, 'count') ?? 1) || 1));
      const port = flag(a, 'port');
      const res = c.hook<EndpointsController>('services').request(svc, count, port ? Number(port) : undefined);
      const out = ok(
        res
          .map((r) =>
            r.error === 'no-endpoints'
              ? t({ id: 'sim.request.noEndpoints', args: { n: r.n, svc: name } }, L)
              : t({ id: r.error === 'refused' ? 'sim.request.refused' : 'sim.request.served', args: { n: r.n, pod: r.pod ?? '', ip: r.ip ?? '', port: r.port ?? '' } }, L),
          )
          .join('\n'),
      );
      return { ...out, answered: res.flatMap((r) => (r.pod && r.error !== 'no-endpoints' ? [{ namespace: svc.metadata.namespace ?? ns, name: r.pod }] : [])) };
    }
    case 'canary': {
      const tg = target(a);
      if (tg.kind && tg.kind !== 'Deployment') return fail(t({ id: 'sim.badArgs', args: { detail: 'canary deployment/NAME [--image IMAGE] [--replicas N]' } }, L));
      return canary(c, tg.name, ns, flag(a, 'image'), Number(flag(a, 'replicas') ?? 1));
    }
    case 'advance':
    case 'wait':
    case 'sleep': {
      const ms = parseDuration(a.pos[0]);
      if (ms === undefined) return fail(t({ id: 'sim.badArgs', args: { detail: `invalid duration "${a.pos[0] ?? ''}"` } }, L));
      c.advance(ms);
      return ok(t({ id: 'sim.advance', args: { d: a.pos[0], t: c.now / 1000 } }, L));
    }
    default:
      return fail(t({ id: 'sim.unknownCommand', args: { cmd: line.trim() } }, L));
  }
}

function createVerb(c: Cluster, a: Args, ns: string): CommandResult {
  const what = a.pos[0];
  if (what === 'job') {
    const name = a.pos[1];
    const from = flag(a, 'from');
    if (!name || !from?.startsWith('cronjob/')) return fail('error: create job NAME --from=cronjob/NAME');
    const cj = c.get('CronJob', ns, from.slice('cronjob/'.length));
    if (!cj) return notFound('CronJob', from.slice('cronjob/'.length));
    if (c.get('Job', ns, name)) return fail(`Error from server (AlreadyExists): jobs.batch "${name}" already exists`);
    c.hook<CronJobController>('cronjobs').createJob(cj, name, undefined, true);
    c.settle();
    return ok(`job.batch/${name} created`);
  }
  if (what === 'secret' || what === 'configmap') {
    const name = what === 'secret' ? a.pos[2] : a.pos[1];
    if (!name) return fail(`error: exactly one NAME is required`);
    const lits = (flag(a, 'from-literal') ?? '').split('\u0000').filter(Boolean);
    const data: Record<string, string> = {};
    for (const l of lits) {
      const i = l.indexOf('=');
      if (i <= 0) return fail(`error: invalid literal source ${l}, expected key=value`);
      data[l.slice(0, i)] = what === 'secret' ? Buffer.from(l.slice(i + 1)).toString('base64') : l.slice(i + 1);
    }
    const kind = what === 'secret' ? 'Secret' : 'ConfigMap';
    if (c.get(kind, ns, name)) return fail(`Error from server (AlreadyExists): ${what}s "${name}" already exists`);
    c.create({ apiVersion: 'v1', kind, metadata: { name, namespace: ns } as any, ...(what === 'secret' ? { type: 'Opaque' } : {}), data });
    c.settle();
    return ok(`${what}/${name} created`);
  }
  return fail(`error: unknown create subcommand "${what ?? ''}"`);
}

function rollout(c: Cluster, a: Args, ns: string): CommandResult {
  const sub = a.pos[0];
  const rest: Args = { pos: a.pos.slice(1), flags: a.flags };
  const tg = target(rest);
  if (!tg.kind || !tg.name) return fail('error: required resource not specified');
  const o = c.get(tg.kind, ns, tg.name);
  if (!o) return notFound(tg.kind, tg.name);
  const label = `${resourceName(o.kind)}/${o.metadata.name}`;
  switch (sub) {
    case 'status':
      c.settle();
      return ((r) => ({ output: r.text, error: !!r.error }))(rolloutStatus(c, o));
    case 'history':
      if (o.kind !== 'Deployment') return fail(`error: no history viewer has been implemented for ${o.kind}`);
      return ok(rolloutHistory(c, o));
    case 'pause':
    case 'resume': {
      if (o.kind !== 'Deployment') return fail(`error: ${label} is not a Deployment`);
      const want = sub === 'pause';
      if (!!o.spec.paused === want) return fail(`error: ${label} is ${want ? 'already paused' : 'not paused'}`);
      if (want) o.spec.paused = true;
      else delete o.spec.paused;
      c.update(o, true);
      c.settle();
      return ok(`${label} ${sub}d`);
    }
    case 'restart': {
      const tpl = o.spec?.template;
      if (!tpl || !['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind)) return fail(`error: ${label} cannot be restarted`);
      tpl.metadata ??= {};
      tpl.metadata.annotations = { ...(tpl.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': c.iso() };
      c.update(o, true);
      c.settle();
      return ok(`${label} restarted`);
    }
    case 'undo': {
      if (o.kind !== 'Deployment') return fail(`error: no rollbacker has been implemented for ${o.kind}`);
      const rsList = c.store.ownedBy(o.metadata.uid).filter((x) => x.kind === 'ReplicaSet');
      const rev = (x: KObject) => Number(x.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
      const toRev = Number(flag(a, 'to-revision') ?? 0);
      let from: KObject | undefined;
      if (toRev) {
        from = rsList.find((x) => rev(x) === toRev);
        if (!from) return fail(`error: unable to find specified revision ${toRev} in history`);
      } else {
        const sorted = rsList.filter((x) => rev(x) > 0).sort((x, y) => rev(y) - rev(x));
        if (sorted.length < 2) return fail(`error: no rollout history found for deployment "${o.metadata.name}"`);
        from = sorted[1];
      }
      if (templateKey(from.spec.template) === templateKey(o.spec.template)) return ok(`${label} skipped rollback (current template already matches revision ${rev(from)})`);
      const tpl = structuredClone(from.spec.template);
      if (tpl.metadata?.labels) delete tpl.metadata.labels['pod-template-hash'];
      o.spec.template = tpl;
      c.update(o, true);
      c.settle();
      return ok(`${label} rolled back`);
    }
    default:
      return fail(`error: unknown command "rollout ${sub ?? ''}"`);
  }
}
