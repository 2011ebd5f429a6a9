// A write the API server refuses, as the `Status` it answers: HTTP code, reason, message and
// details. It sits in the cluster layer so that the validation every writer shares
// (./validation.ts) can throw it: `kube-dorm serve` answers it as a Status, the built-in kubectl
// prints it as kubectl prints that Status.

/** A failure answered as a `Status` object with this HTTP code and reason. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
