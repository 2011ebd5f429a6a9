// The texts of the side panel's header when it shows a real cluster (context, freshness, namespace
// filter, read-only / changes allowed, what is hidden), in English and Chinese. The host sends them
// with the panel's own texts in `init`; webview/panel/remote.ts draws them.
import type { MessageIds } from '../manifest/types';
import { defineMessages, t, type Locale } from '../i18n/index';

const remotePanelMessages = defineMessages({
  'remote.panel.label': { en: 'Real cluster', zh: '真实集群' },
  'remote.panel.context': { en: 'Context: {context}', zh: '上下文：{context}' },
  'remote.panel.version': { en: 'Kubernetes {version}', zh: 'Kubernetes {version}' },
  'remote.panel.live': { en: 'Live · last event {ago}', zh: '实时 · 最近事件 {ago}' },
  'remote.panel.waiting': { en: 'Live · no event yet', zh: '实时 · 尚无事件' },
  'remote.panel.stale': {
    en: 'Stale: the watch of {kinds} is down, reconnecting. The picture may be out of date (last event {ago}).',
    zh: '已过时：{kinds} 的监视已断开，正在重连。画面可能不是最新的（最近事件 {ago}）。',
  },
  'remote.panel.never': { en: 'never', zh: '无' },
  'remote.panel.ago.s': { en: '{n} s ago', zh: '{n} 秒前' },
  'remote.panel.ago.m': { en: '{n} min ago', zh: '{n} 分钟前' },
  'remote.panel.namespace': { en: 'Namespace', zh: '命名空间' },
  'remote.panel.allNamespaces': { en: 'All namespaces', zh: '全部命名空间' },
  'remote.panel.readOnly': {
    en: 'Read-only: the controls show their kubectl command but change nothing.',
    zh: '只读：控件只显示对应的 kubectl 命令，不做任何修改。',
  },
  'remote.panel.allow': { en: 'Allow changes…', zh: '允许修改…' },
  'remote.panel.allowed': { en: 'Changes allowed: the controls change this cluster.', zh: '已允许修改：控件会修改这个集群。' },
  'remote.panel.hidden': { en: 'Hidden for lack of permission', zh: '因缺少权限而隐藏' },
});

export function remotePanelStrings(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of Object.keys(remotePanelMessages) as (keyof typeof remotePanelMessages)[]) out[id] = t(id, locale);
  return out;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof remotePanelMessages> {}
}
