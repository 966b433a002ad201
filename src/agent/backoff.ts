export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** Uniform in [0, 1); injectable so tests are repeatable. */
  random?: () => number;
}

/**
 * Exponential backoff with jitter: 100 ms doubling to 5 s by default. The delay is drawn from the upper half of
 * the current step, so many agents cut off together (a coordinator restart) do not come back in lockstep, yet
 * none retries in a tight loop.
 */
export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;
  private step = 0;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 100;
    this.maxMs = options.maxMs ?? 5_000;
    this.random = options.random ?? Math.random;
  }

  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** this.step);
    if (ceiling < this.maxMs) this.step++;
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  reset(): void {
    this.step = 0;
  }
}
