/**
 * Runs `action` once things have been quiet for `quietMs`, and at the latest `maxWaitMs` after
 * the first call of a burst, so a steady stream of changes cannot starve it.
 */
export class Debouncer {
  private timer: NodeJS.Timeout | undefined;
  private firstCall = 0;

  constructor(
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
    private readonly action: () => void,
  ) {}

  trigger(): void {
    const now = Date.now();
    if (this.timer === undefined) this.firstCall = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.firstCall + this.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.action();
    }, wait);
  }

  /** Runs a pending action now. */
  flush(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.action();
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
