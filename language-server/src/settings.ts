// The user's settings (the `kubeDorm` section): given in initializationOptions, then pulled through
// workspace/configuration (or pushed in didChangeConfiguration by clients that cannot be asked).
// A change re-publishes everything.
import type { Connection } from 'vscode-languageserver';
import { resolveLocale, type Locale } from '../../core/i18n/index';
import type { LintOptions } from '../../core/lint';
import { NEWEST_KUBERNETES_VERSION, parseKubernetesVersion } from '../../core/schema/versions';
import type { Severity } from '../../core/manifest/types';
import type { DiagnosticsSink } from './diagnostics';
import { detached, type ErrorLogger, type Guard } from './guard';
import type { InitializationOptions, KubeDormSettings } from './protocol';

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

function sanitizeRules(v: unknown): Record<string, Severity | 'off'> {
  const out: Record<string, Severity | 'off'> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, s] of Object.entries(v)) if (typeof s === 'string' && SEVERITIES.has(s)) out[k] = s as Severity | 'off';
  }
  return out;
}

export class Settings {
  private readonly current: Required<KubeDormSettings> = { language: 'auto', rules: {}, schemaValidation: true, kubernetesVersion: NEWEST_KUBERNETES_VERSION };
  /** Settings given in initializationOptions: the base that every configuration pull starts from. */
  private base: Required<KubeDormSettings> = { ...this.current };
  /** The client's locale from initialize (followed when the language setting is 'auto'). */
  clientLocale: string | undefined;
  /** The connected cluster's minor (from its /version): lint checks against it while connected, whatever the setting says. */
  clusterVersion: string | undefined;
  /** The client answers workspace/configuration. */
  canPull = false;

  /** Takes the settings of initializationOptions as the base. */
  initialize(opts: InitializationOptions): void {
    this.apply(opts);
    this.base = { ...this.current };
  }

  /** Replaces the settings: keys missing from `s` fall back to the base (a removed setting means its default). */
  apply(s: KubeDormSettings | InitializationOptions | undefined | null): void {
    Object.assign(this.current, this.base);
    if (!s || typeof s !== 'object') return;
    if (s.language === 'auto' || s.language === 'en' || s.language === 'zh-cn') this.current.language = s.language;
    if (s.rules !== undefined) this.current.rules = sanitizeRules(s.rules);
    if (typeof s.schemaValidation === 'boolean') this.current.schemaValidation = s.schemaValidation;
    // A version without data (a typo in settings.json) means the default, as a removed setting does.
    const version = typeof s.kubernetesVersion === 'string' ? parseKubernetesVersion(s.kubernetesVersion) : undefined;
    if (version) this.current.kubernetesVersion = version;
  }

  locale(): Locale {
    return resolveLocale(this.current.language === 'auto' ? this.clientLocale : this.current.language);
  }

  lintOptions(): LintOptions {
    return { severities: this.current.rules, schema: this.current.schemaValidation, kubernetesVersion: this.clusterVersion ?? this.current.kubernetesVersion };
  }

  /** Asks the client for the `kubeDorm` section (when it can answer). */
  async pull(connection: Connection, logError: ErrorLogger): Promise<void> {
    if (!this.canPull) return;
    try {
      const [cfg] = (await connection.workspace.getConfiguration([{ section: 'kubeDorm' }])) as unknown[];
      this.apply(cfg as KubeDormSettings);
    } catch (e) {
      logError('configuration', e);
    }
  }
}

export function registerConfigurationHandlers(
  connection: Connection,
  settings: Settings,
  diagnostics: DiagnosticsSink,
  guard: Guard,
  logError: ErrorLogger,
): void {
  connection.onDidChangeConfiguration(
    detached(guard, 'didChangeConfiguration', async (params) => {
      if (settings.canPull) await settings.pull(connection, logError);
      else settings.apply((params.settings as { kubeDorm?: KubeDormSettings } | undefined)?.kubeDorm);
      await diagnostics.publishAll(true);
    }),
  );
}
