// Core diagnostics → LSP diagnostics. Pure functions: no connection, no state.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { renderDiagnosticMessage, t, type Locale } from '../../core/i18n/index';
import type { KDiagnostic, Severity } from '../../core/manifest/types';
import { isClusterUri } from '../../core/workspace/cluster';

export const SOURCE = 'kube-dorm';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Folder holding `docs/rules/<code>.md`: next to the bundle (dist/../docs), overridable for tests. */
let docsRoot = path.join(__dirname, '..', 'docs', 'rules');
export function setDocsRoot(dir: string): void {
  docsRoot = dir;
}

const hrefCache = new Map<string, string>();
export function ruleHref(code: string): string {
  let h = hrefCache.get(code);
  if (!h) {
    h = pathToFileURL(path.join(docsRoot, code + '.md')).href;
    hrefCache.set(code, h);
  }
  return h;
}

export interface ConvertOptions {
  locale: Locale;
  /** Client supports relatedInformation (VS Code does). */
  related: boolean;
  /** Maps a core URI to the URI string the client used for it (open documents keep their spelling). */
  clientUri?: (uri: string) => string;
}

export function toLspDiagnostic(d: KDiagnostic, o: ConvertOptions): Diagnostic {
  const out: Diagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Warning,
    code: d.code,
    source: SOURCE,
    codeDescription: { href: ruleHref(d.code) },
    message: renderDiagnosticMessage(d, o.locale),
  };
  // A place the client cannot open (a CRD known only from the connected cluster) is told in the message.
  const openable = d.related?.filter((r) => !isClusterUri(r.uri)) ?? [];
  for (const r of d.related ?? []) if (isClusterUri(r.uri)) out.message += `\n${t(r.message, o.locale)}`;
  if (o.related && openable.length) {
    out.relatedInformation = openable.map((r): DiagnosticRelatedInformation => ({
      location: { uri: o.clientUri ? o.clientUri(r.uri) : r.uri, range: r.range },
      message: t(r.message, o.locale),
    }));
  }
  if (d.data) out.data = d.data;
  return out;
}
