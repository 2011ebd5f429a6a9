// The "Why?" chain as the panel receives it: pure types with no imports, so the webview (type-checked
// with the DOM and without Node) reads them without the simulator behind core/panel/why.ts.

/** One step of a chain, in the panel's language. */
export interface WhyStep {
  /** In Kubernetes' words. */
  text: string;
  /** In the dorm's words. */
  dorm: string;
  /** Where the step points: the file's URI, its name as shown, 0-based line and column. */
  at?: { uri: string; file: string; line: number; column: number };
}

/** A chain from the symptom to the manifest line to change, and the quick fix there (if the editor has one). */
export interface WhyChain {
  symptom: string;
  steps: WhyStep[];
  /** `code`, `uri` and `range` (0-based) when the editor offers a quick fix for that line; else advice only. */
  fix?: { title: string; code?: string; uri?: string; range?: { line: number; column: number; endLine: number; endColumn: number } };
}
