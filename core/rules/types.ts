// The contract every rule module implements. A rule looks at one resource at a time, with the
// whole workspace index at hand for cross-resource facts, and reports through the context.
import type { RangePart, Resource } from '../manifest/parse';
import type { Msg, Path, Range, RelatedInfo, Severity } from '../manifest/types';
import type { Workspace } from '../workspace/index';
import type { FixDataOf, RuleCode } from './fix-data';

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

export interface ReportOptions<C extends RuleCode = RuleCode> {
  part?: RangePart;
  related?: RelatedInfo[];
  /** Facts for quick fixes, in the shape core/rules/fix-data.ts gives for the code. */
  data?: FixDataOf<C>;
  /** Explicit range, when a path cannot express it. */
  range?: Range;
  /** Severity override for this one report (e.g. a hint where the rule says "at most a hint"). */
  severity?: Severity;
}

export interface RuleContext {
  ws: Workspace;
  /** The Kubernetes minor the user targets ('1.30'); the newest when unset (core/schema/versions.ts). */
  kubernetesVersion?: string;
  /** Report `code` on `path` (relative to the resource) with `message`. */
  report<C extends RuleCode>(code: C, res: Resource, path: Path, message: Msg, opts?: ReportOptions<NoInfer<C>>): void;
}

export interface RuleModule {
  /** Declared `as const` in each module, so that its codes are known statically (RuleCode). */
  rules: readonly RuleMeta[];
  check(res: Resource, ctx: RuleContext): void;
}
