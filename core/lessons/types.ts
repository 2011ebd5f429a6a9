// The lesson data format. A lesson is three data files in media/lessons/NN-slug/:
//   lesson.yaml   structure, language-neutral: starter files, steps (check, controls, "show me"), quiz answers
//   en.yaml       every text a person reads, in English
//   zh-cn.yaml    the same, in Chinese
// plus the starter manifests in files/. Checks look at meaning (cluster objects, fields,
// diagnostics), never at line numbers, so a step keeps working however the learner edits.

/** A predicate over the lesson's real state. Exactly one key per object (validated). */
export type Check =
  | { pods: PodsCheck }
  | { object: ObjectCheck }
  | { replicaSets: { deployment: string; revision?: number; min?: number; namespace?: string } }
  | { endpoints: { service: string; ready?: number; min?: number; namespace?: string } }
  | { event: { reason: string; kind?: string; name?: string } }
  | { command: { matches: string } }
  | { served: ServedCheck }
  | { diagnostics: { file: string; code: string; present: boolean } }
  | { file: FileCheck }
  | { nodes: { count?: number; min?: number } }
  | { all: Check[] }
  | { any: Check[] }
  | { not: Check };

export interface PodsCheck {
  /** `Kind/name` of the pod's controller or any owner above it (Deployment/web, StatefulSet/db, CronJob/x). */
  owner: string;
  /** kubectl STATUS column (Running, CrashLoopBackOff, Pending, Completed, OOMKilled, ...). */
  status?: string;
  /** Last termination reason of some container (e.g. OOMKilled), whatever the current status. */
  lastReason?: string;
  ready?: boolean;
  /** Exact count, or at least `min`. */
  count?: number;
  min?: number;
  namespace?: string;
  /** Every matching pod runs this image (first container). */
  image?: string;
}

export interface ServedCheck {
  service: string;
  /** At least this many different pods ever answered. */
  distinctPods?: number;
  /** Requests were refused and none answered. */
  refused?: boolean;
  /** The latest batch of requests (one `request`): answered by pods of this controller (`Kind/name`, any owner above the pod). */
  owner?: string;
  /** The latest batch: the percentage answered (by `owner`'s pods, or by any pod) is within min..max. */
  share?: { min?: number; max?: number };
}

export interface ObjectCheck {
  kind: string;
  name: string;
  namespace?: string;
  /** Dotted path in the object (`spec.replicas`, `status.loadBalancer.ingress`). */
  path?: string;
  equals?: unknown;
  /** Path (or the object, without a path) exists (true) / is absent (false). */
  exists?: boolean;
}

export interface FileCheck {
  file: string;
  kind: string;
  name?: string;
  /** Dotted path; numbers index lists (`spec.template.spec.containers.0.image`). `*` = any list item. */
  path: string;
  equals?: unknown;
  exists?: boolean;
  /** Regular expression the value (as a string) must match. */
  matches?: string;
}

/** Something the learner (or "Show me") does. One key per object. */
export type Action =
  | { apply: string }
  | { open: string }
  | { kubectl: string }
  | { deletePod: string }
  | { scale: string; replicas: number }
  | { request: string; count?: number }
  | { addNode: true }
  | { oom: string }
  | { advance: number }
  | { addressPool: string[] }
  | { set: { file: string; kind: string; name?: string; path: string; value: unknown } }
  | { remove: { file: string; kind: string; name?: string; path: string } }
  | { append: { file: string; text: string } }
  | { quickfix: { file: string; code: string } };

export const ACTION_TYPES = [
  'apply',
  'open',
  'kubectl',
  'deletePod',
  'scale',
  'request',
  'addNode',
  'oom',
  'advance',
  'addressPool',
  'set',
  'remove',
  'append',
  'quickfix',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const CHECK_TYPES = [
  'pods',
  'object',
  'replicaSets',
  'endpoints',
  'event',
  'command',
  'served',
  'diagnostics',
  'file',
  'nodes',
  'all',
  'any',
  'not',
] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

export interface StarterFile {
  /** File name in the lesson folder (e.g. `dorm.yaml`). */
  name: string;
  /** Diagnostic codes the starter is meant to have (the validator requires exactly these). */
  expect?: string[];
}

export interface StepDef {
  id: string;
  /** The file this step works on (opened by "Open file"). */
  file?: string;
  /** Buttons shown with the step (the "panel controls" of the lesson view). */
  controls?: Action[];
  check: Check;
  /** What "Show me" does, in order; also what the tests do as the learner. */
  show: Action[];
}

export interface QuizDef {
  id: string;
  /** Index of the right choice. */
  answer: number;
}

/**
 * One variant of a lesson (lesson 10's broken campuses): the starter files with `break`'s edits made,
 * and, for the steps it names, its own "Show me". A run picks one by its seed (variants.ts).
 */
export interface VariantDef {
  /** Variant id (texts are keyed by it). */
  id: string;
  /** Edits that turn the starter files into this variant's: `set`, `remove` or `append` only. */
  break: Action[];
  /** Diagnostic codes a starter has after the edits (file name → codes); a file not named keeps its `expect`. */
  expect?: Record<string, string[]>;
  /** Step id → this variant's "Show me" (instead of the step's). */
  show?: Record<string, Action[]>;
}

export const VARIANT_EDITS = ['set', 'remove', 'append'] as const;

export interface LessonDef {
  id: string;
  number: number;
  /** Folder name under media/lessons. */
  dir: string;
  files: StarterFile[];
  steps: StepDef[];
  quiz: QuizDef[];
  /** Cluster options for this lesson. */
  cluster?: { nodes?: number; nodeCpu?: string; nodeMemory?: string };
  /** Variants; a run plays one, chosen by its seed. */
  variants?: VariantDef[];
  /** The variant this lesson was resolved to (set by variants.ts, never written in lesson.yaml). */
  variant?: string;
}

export interface StepText {
  title: string;
  /** The dorm picture first... */
  analogy: string;
  /** ...then the real Kubernetes term. */
  explain: string;
  /** What to do now. */
  task: string;
  hints: string[];
}

export interface QuizText {
  question: string;
  choices: string[];
  explanation: string;
}

export interface LessonText {
  title: string;
  summary: string;
  steps: Record<string, StepText>;
  quiz: Record<string, QuizText>;
  /** Per variant id: hints per step id, added after the step's own. */
  variants?: Record<string, { hints?: Record<string, string[]> }>;
  /** Closing words (lesson 8: the chapter's advice as a checklist). */
  outro?: string;
  checklist?: string[];
}

export type LessonLocale = 'en' | 'zh-cn';

/** A lesson with its texts in both languages and its starter files' text. */
export interface Lesson {
  def: LessonDef;
  text: Record<LessonLocale, LessonText>;
  /** Starter file name → text. */
  starters: Record<string, string>;
}
