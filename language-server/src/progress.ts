// What the workspace scan shows the client: a work-done progress while it runs, then a log line and
// the kubeDorm/indexed notification (and a warning when the scan stopped at its file limit).
import type { MessageIds } from '../../core/manifest/types';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { defineMessages, msgOf, t, type Locale } from '../../core/i18n/index';
import { IndexedNotification } from './protocol';
import type { ScanReporter } from './sync';

const messages = defineMessages({
  'lsp.index.title': { en: 'Kube Dorm: indexing manifests', zh: 'Kube Dorm：正在索引清单' },
  'lsp.index.progress': { en: '{done} of {total} files', zh: '已处理 {done} / {total} 个文件' },
  'lsp.index.limit': {
    en: 'Kube Dorm checked the first {limit} manifest files of this workspace and stopped there; the others are checked when you open them.',
    zh: 'Kube Dorm 只检查了此工作区的前 {limit} 个清单文件，其余文件会在打开时再检查。',
  },
});
const msg = msgOf(messages);

/** Progress reports are sent at most this often (ms). */
const REPORT_EVERY_MS = 100;

export function scanReporter(connection: Connection, locale: () => Locale): ScanReporter {
  return {
    async begin() {
      const progress = await connection.window.createWorkDoneProgress();
      const L = locale();
      progress.begin(t('lsp.index.title', L), 0, undefined, false);
      let lastReport = 0;
      return {
        report(done, total) {
          if (Date.now() - lastReport <= REPORT_EVERY_MS) return;
          lastReport = Date.now();
          progress.report(Math.round((done / Math.max(1, total)) * 100), t(msg('lsp.index.progress', { done, total }), L));
        },
        done: () => progress.done(),
      };
    },
    indexed(params) {
      connection.console.log(`indexed ${params.files} manifest files (${params.resources} resources) in ${params.ms} ms`);
      // A notification (window/showMessage), not a request: nothing waits for the user to dismiss it.
      if (params.limit)
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message: t(msg('lsp.index.limit', { limit: params.limit }), locale()),
        });
      void connection.sendNotification(IndexedNotification.type, params);
    },
  };
}

declare module '../../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
