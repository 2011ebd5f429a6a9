// What both webview hosts (the dorm panel and the lesson view) do with a message from their page:
// validate it first, report an invalid one and never act on it, and turn an error while acting
// into a line in the output instead of an exception in the extension host.

export type Validated<M> = { ok: true; msg: M } | { ok: false; error: string };

export interface Receiver<M> {
  validate: (raw: unknown) => Validated<M>;
  /** The reader's sentence for an invalid message, given the validator's reason. */
  invalid: (detail: string) => string;
  dispatch: (msg: M) => void;
  out: (text: string, error: boolean) => void;
}

export function receive<M>(raw: unknown, r: Receiver<M>): void {
  const v = r.validate(raw);
  if (!v.ok) {
    r.out(r.invalid(v.error), true);
    return;
  }
  try {
    r.dispatch(v.msg);
  } catch (e) {
    r.out(`error: ${String((e as Error)?.message ?? e)}`, true);
  }
}
