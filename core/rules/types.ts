// The contract every rule module implements. A rule looks at one resource at a time, with the
// whole workspace index at hand for cross-resource facts, and reports through the context.
import type { RangePart, Resource } from '../manifest/parse';
import type { Msg, Path, Range, RelatedInfo, Severity } from '../manifest/types';
import type { Workspace } from '../workspace/index';

export interface RuleMeta {
  code: string;
  severity: Severity;
  /** One line for docs and settings, both languages. */
  title: { en: string; zh: string };
  /** Whether the rule looks across resources (so a change elsewhere can change its verdict). */
  crossResource?: boolean;
  /** Part of the schema family (switched off by `kubeDorm.schemaValidation: false`). */
  schema?: boolean;
}

export interface ReportOptions {
  part?: RangePart;
  related?: RelatedInfo[];
  data?: Record<string, unknown>;
  /** Explicit range, when a path cannot express it. */
  range?: Range;
  /** Severity override for this one report (e.g. a hint where the rule says "at most a hint"). */
  severity?: Severity;
}

export interface RuleContext {
  ws: Workspace;
  /** Report `code` on `path` (relative to the resource) with `message`. */
  report(code: string, res: Resource, path: Path, message: Msg, opts?: ReportOptions): void;
}

export interface RuleModule {
  rules: RuleMeta[];
  check(res: Resource, ctx: RuleContext): void;
}
