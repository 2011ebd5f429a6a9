// `kube-dorm status [--kubeconfig F] [--context C] [-n NS | -A] [--format table|json] [--lang]`:
// the view-model the side panel draws, read from a real cluster through its kubeconfig (one list
// per resource, no watch), printed as tables in the dorm's words or as JSON. A resource the user may
// not list is hidden and named with the permission missing; the rest is printed. Exit status: 0
// printed (possibly with hidden parts), 1 the cluster could not be read, 2 usage or kubeconfig error.
import type { MessageIds } from '../core/manifest/types';
import { defineMessages, msgOf, t, type Locale } from '../core/i18n/index';
import { table } from '../core/kubectl/printers';
import type { PanelState } from '../core/panel/view';
import { RemoteCluster } from '../core/remote/cluster';
import { connect } from '../core/remote/connect';
import { explain } from '../core/remote/explain';
import type { MissingPermission } from '../core/remote/informer';
import { RemoteError, remoteMsg } from '../core/remote/messages';
import { argsOrUsage } from './remote-args';

const messages = defineMessages({
  'status.usage': {
    en: 'usage: kube-dorm status [--kubeconfig FILE] [--context NAME] [-n NAMESPACE | -A] [--format table|json] [--lang en|zh-cn]',
    zh: '用法：kube-dorm status [--kubeconfig 文件] [--context 名称] [-n 命名空间 | -A] [--format table|json] [--lang en|zh-cn]',
  },
  'status.header': { en: 'Context {context} · server {server} · {scope}', zh: '上下文 {context} · 服务器 {server} · {scope}' },
  'status.scope.ns': { en: 'namespace {namespace}', zh: '命名空间 {namespace}' },
  'status.scope.all': { en: 'all namespaces', zh: '所有命名空间' },
  'status.buildings': { en: 'Buildings (nodes)', zh: '宿舍楼（节点）' },
  'status.managers': { en: 'Managers (workloads)', zh: '管理员（工作负载）' },
  'status.rooms': { en: 'Rooms (pods)', zh: '宿舍（Pod）' },
  'status.dispatch': { en: 'Dispatch centres (Services) and their address books (Endpoints)', zh: '外卖调度中心（Service）及其地址簿（Endpoints）' },
  'status.none': { en: '(none)', zh: '（无）' },
  'status.hidden': { en: 'Hidden:', zh: '已隐藏：' },
  'status.unread': { en: '{kind}: not read ({detail})', zh: '{kind}：未能读取（{detail}）' },
});
const msg = msgOf(messages);

export interface StatusIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env?: NodeJS.ProcessEnv;
}

/** The missing permission in words (en + zh), with the fix. */
export function missingText(m: MissingPermission, locale: Locale): string {
  const args = { verb: m.verb, resource: m.group ? `${m.resource}.${m.group}` : m.resource };
  return t(m.namespace ? remoteMsg('remote.forbidden.ns', { ...args, namespace: m.namespace }) : remoteMsg('remote.forbidden.cluster', args), locale);
}

function section(title: string, header: string[], rows: string[][], locale: Locale): string {
  return `${title}\n${rows.length ? table([header, ...rows]) : t('status.none', locale) + '\n'}\n`;
}

/** The state as tables in the dorm's words. */
export function renderStatus(s: PanelState, locale: Locale): string {
  const byName = <T extends { namespace?: string; name: string }>(xs: T[]) =>
    [...xs].sort((a, b) => (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name));
  const roomsOn = (node: string) => s.pods.filter((p) => p.node === node).length;
  return [
    section(
      t('status.buildings', locale),
      ['NAME', 'STATUS', 'CPU', 'MEMORY', 'PODS'],
      byName(s.nodes).map((n) => [n.name, n.status, n.cpu, n.memory, `${roomsOn(n.name)}/${n.maxPods}`]),
      locale,
    ),
    section(
      t('status.managers', locale),
      ['NAMESPACE', 'KIND', 'NAME', 'READY', 'IMAGES'],
      byName(s.workloads).map((w) => [w.namespace, w.kind, w.name, w.summary || '-', w.images.join(',')]),
      locale,
    ),
    section(
      t('status.rooms', locale),
      ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'NODE', 'MANAGER'],
      byName(s.pods).map((p) => [
        p.namespace,
        p.name,
        p.ready,
        p.status,
        p.restarts,
        p.node || '<none>',
        p.groupKind === 'Pod' ? '-' : `${p.groupKind}/${p.groupName}`,
      ]),
      locale,
    ),
    section(
      t('status.dispatch', locale),
      ['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'PORT(S)', 'ENDPOINTS'],
      byName(s.services).map((v) => [
        v.namespace,
        v.name,
        v.type,
        v.clusterIP || '<none>',
        v.ports,
        [...v.ready, ...v.notReady.map((n) => `${n}(not ready)`)].join(',') || '<none>',
      ]),
      locale,
    ),
  ].join('');
}

export async function runStatus(argv: string[], io: StatusIO): Promise<number> {
  const env = io.env ?? process.env;
  const args = argsOrUsage(argv, env, io.stderr, 'status.usage');
  if (!args) return 2;
  const locale = args.locale;
  let conn;
  try {
    conn = await connect({ explicit: args.kubeconfig, context: args.context, env });
  } catch (e) {
    if (!(e instanceof RemoteError)) throw e;
    io.stderr.write(e.text(locale) + '\n');
    return 2;
  }
  const namespace = args.namespace === undefined ? conn.target.namespace : args.namespace || undefined;
  const rc = new RemoteCluster(conn.client, { namespace, watch: false, retry: false });
  rc.start();
  await rc.synced();
  const failed = rc.informers.filter((i) => i.state === 'backoff');
  rc.stop();
  if (failed.length === rc.informers.length) {
    io.stderr.write(t(explain(failed[0].lastErrorCause, conn.target), locale) + '\n');
    return 1;
  }
  const state = rc.state(Date.now(), 0, { tables: false });
  const missing = rc.missing();
  if (args.format === 'json') {
    const unread = failed.map((i) => ({ kind: i.spec.kind, error: i.lastError }));
    const out = { context: conn.target.context, server: conn.target.cluster.server, namespace: namespace ?? null, missing, unread, state };
    io.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const scope = namespace ? msg('status.scope.ns', { namespace }) : msg('status.scope.all');
  io.stdout.write(t(msg('status.header', { context: conn.target.context, server: conn.target.cluster.server, scope: t(scope, locale) }), locale) + '\n\n');
  io.stdout.write(renderStatus(state, locale));
  if (missing.length || failed.length) {
    io.stdout.write(t('status.hidden', locale) + '\n');
    for (const m of missing) io.stdout.write(`  ${missingText(m, locale)}\n`);
    for (const i of failed)
      io.stdout.write(`  ${t(msg('status.unread', { kind: i.spec.kind, detail: t(explain(i.lastErrorCause, conn.target), locale) }), locale)}\n`);
  }
  return 0;
}

declare module '../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
