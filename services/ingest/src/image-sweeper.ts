/**
 * Runs a sweep every `intervalMs` (never two at once). Errors go to `log` and the next tick tries again.
 */
export class ImageSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly sweep: () => Promise<number>,
    private readonly intervalMs: number,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One sweep now (skipped when one is already running); resolves to how many images expired. */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    const run = this.sweep().then(
      (count) => {
        if (count > 0) this.log(`image sweeper expired ${count} image(s)`);
        return count;
      },
      (err: unknown) => {
        this.log(`image sweeper failed: ${(err as Error)?.message ?? String(err)}`);
        return 0;
      },
    );
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = null;
    }
  }
}
