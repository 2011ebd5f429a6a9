// Every handler goes through a guard: a failure is logged, never thrown back into the connection.

/** Wraps a handler so that an exception (or a rejected promise) is reported and swallowed. */
export type Guard = <A extends unknown[], R>(where: string, fn: (...a: A) => R) => (...a: A) => R | undefined;

export type ErrorLogger = (where: string, e: unknown) => void;

export function makeGuard(logError: ErrorLogger): Guard {
  return <A extends unknown[], R>(where: string, fn: (...a: A) => R) =>
    (...a: A): R | undefined => {
      try {
        const r = fn(...a);
        if (r instanceof Promise) return r.catch((e) => logError(where, e)) as R;
        return r;
      } catch (e) {
        logError(where, e);
        return undefined;
      }
    };
}

/**
 * For notification handlers and timers, which return nothing: the guarded handler runs and its
 * promise is dropped (a rejection is already logged by the guard).
 */
export function detached<A extends unknown[]>(guard: Guard, where: string, fn: (...a: A) => unknown): (...a: A) => void {
  const run = guard(where, fn);
  return (...a: A): void => {
    void run(...a);
  };
}
