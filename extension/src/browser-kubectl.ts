// "Kube Dorm: Open kubectl Terminal" in the browser. There is no Node there to serve the cluster
// over HTTPS nor a shell to run the real kubectl in, so the command opens a pseudo-terminal on the
// built-in kubectl (core/kubectl, the panel's kubectl box): each line runs against the cluster the
// side panel shows, as the user's own command (a lesson sees it), and the panel shows the change.
import * as vscode from 'vscode';
import type { CommandResult } from '../../core/kubectl/commands';
import type { FeatureRegistry } from './lazy';

/** The side panel's session, as this terminal uses it. */
export interface KubectlTarget {
  exec(line: string): CommandResult;
  flush(): void;
}

const PROMPT = '\x1b[1m$ kubectl\x1b[0m ';
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** A line editor (printable characters, backspace, history, Ctrl+C) that runs each line on `target()`'s cluster. */
export class KubectlPseudoTerminal implements vscode.Pseudoterminal {
  private readonly write = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.write.event;
  private line = '';
  private readonly history: string[] = [];
  private back = 0;

  constructor(private readonly target: () => KubectlTarget | undefined) {}

  open(): void {
    this.write.fire(
      crlf(
        vscode.l10n.t(
          'In the browser Kube Dorm cannot serve its cluster to a real kubectl (that needs Node: the desktop VS Code or `kube-dorm serve`), so this terminal runs the built-in kubectl on the cluster the side panel shows.',
        ) + '\n',
      ),
    );
    this.write.fire(PROMPT);
  }

  close(): void {
    this.write.dispose();
  }

  handleInput(data: string): void {
    if (data === '\r') return this.enter();
    if (data === '\x7f' || data === '\b') {
      if (!this.line) return;
      this.line = this.line.slice(0, -1);
      return this.write.fire('\b \b');
    }
    if (data === '\x03') {
      this.line = '';
      return this.write.fire('^C\r\n' + PROMPT);
    }
    if (data === '\x1b[A' || data === '\x1b[B') return this.recall(data === '\x1b[A' ? 1 : -1);
    // Pasted text may hold several lines: run each.
    const parts = data.split(/\r\n|\r|\n/);
    parts.forEach((p, i) => {
      const printable = p.replace(/[\x00-\x1f\x7f]|\x1b\[[0-9;]*[A-Za-z]/g, '');
      this.line += printable;
      this.write.fire(printable);
      if (i < parts.length - 1) this.enter();
    });
  }

  private recall(dir: 1 | -1): void {
    const next = Math.max(0, Math.min(this.history.length, this.back + dir));
    if (next === this.back) return;
    this.back = next;
    this.write.fire('\b \b'.repeat(this.line.length));
    this.line = next ? this.history[this.history.length - next] : '';
    this.write.fire(this.line);
  }

  private enter(): void {
    const line = this.line.trim();
    this.line = '';
    this.back = 0;
    this.write.fire('\r\n');
    if (line) {
      if (this.history[this.history.length - 1] !== line) this.history.push(line);
      this.write.fire(crlf(this.run(line)));
    }
    this.write.fire(PROMPT);
  }

  private run(line: string): string {
    const target = this.target();
    if (!target) return vscode.l10n.t('No simulation is running: run "Kube Dorm: Simulate Manifest" first, then open the kubectl terminal.') + '\n';
    const r = target.exec(line);
    target.flush();
    const out = r.output.endsWith('\n') || !r.output ? r.output : r.output + '\n';
    return r.error ? `\x1b[31m${out}\x1b[0m` : out;
  }
}

export function registerKubectlPseudoTerminal(context: vscode.ExtensionContext, target: () => KubectlTarget | undefined, registry: FeatureRegistry): void {
  context.subscriptions.push(
    registry.registerCommand('kubeDorm.openKubectlTerminal', () => {
      const term = vscode.window.createTerminal({
        name: vscode.l10n.t('kubectl (Kube Dorm)'),
        pty: new KubectlPseudoTerminal(target),
        iconPath: new vscode.ThemeIcon('server-process'),
      });
      term.show();
      return undefined;
    }),
  );
}
