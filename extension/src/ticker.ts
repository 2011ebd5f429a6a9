// Drives a simulation's virtual time from the extension host while its webview is visible: every
// `periodMs` it calls `tick` with the wall time elapsed (at most 1 s, so a suspended laptop does not
// jump the cluster forward). Shared by the side panel and the lesson view.
export class VisibleTicker {
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = Date.now();

  constructor(
    private readonly periodMs: number,
    private readonly tick: (dtMs: number) => void,
    private readonly label: string,
  ) {}

  /** Runs while `visible` is true, stops otherwise. */
  update(visible: boolean): void {
    if (visible && !this.timer) {
      this.last = Date.now();
      this.timer = setInterval(() => {
        const now = Date.now();
        const dt = Math.min(now - this.last, 1000);
        this.last = now;
        try {
          this.tick(dt);
        } catch (e) {
          console.error(`[kube-dorm] ${this.label} tick failed`, e);
        }
      }, this.periodMs);
    } else if (!visible) this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
