// What the workspace scan shows the client: a work-done progress while it runs, then a log line and
// the kubeDorm/indexed notification.
import type { Connection } from 'vscode-languageserver';
import { defineMessages, msgOf, t, type Locale } from '../../core/i18n/index';
import { IndexedNotification } from './protocol';
import type { ScanReporter } from './sync';

const messages = defineMessages({
  'lsp.index.title': { en: 'Kube Dorm: indexing manifests', zh: 'Kube Dorm：正在索引清单' },
  'lsp.index.progress': { en: '{done} of {total} files', zh: '已处理 {done} / {total} 个文件' },
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
      void connection.sendNotification(IndexedNotification.type, params);
    },
  };
}
