/**
 * Runs `tick` every `intervalMs`, counted from the end of the previous tick so that passes never
 * overlap on one instance. `tick` must not throw.
 */
export class JobLoop {
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;
  private running = false;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => Promise<void>,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  /** Stops scheduling and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.current = this.tick().finally(() => {
        this.current = undefined;
        this.schedule();
      });
    }, this.intervalMs);
    this.timer.unref();
  }
}
