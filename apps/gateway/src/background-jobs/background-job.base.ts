import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BackgroundJobName } from './background-job';
import { JobLock, LockedRun } from './job-lock';
import { JobLoop } from './job-loop';

export interface JobSchedule {
  enabled: boolean;
  intervalMs: number;
}

/**
 * A job that runs one pass at a time across all instances, on an interval when enabled, and on demand
 * through `runOnce()` (tests, operators). A pass that another instance is running is skipped.
 */
export abstract class BackgroundJob<Summary> implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger: Logger;
  private readonly loop: JobLoop;

  protected constructor(
    readonly name: BackgroundJobName,
    private readonly schedule: JobSchedule,
    private readonly lock: JobLock,
  ) {
    this.logger = new Logger(name);
    this.loop = new JobLoop(schedule.intervalMs, () => this.scheduledPass());
  }

  /** One pass now, unless one is running somewhere: then `{ ran: false }`. */
  runOnce(): Promise<LockedRun<Summary>> {
    return this.lock.runExclusively(this.name, () => this.pass());
  }

  onApplicationBootstrap(): void {
    if (this.schedule.enabled) this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  protected abstract pass(): Promise<Summary>;

  /** Whether a summary is worth a log line at info level (passes that changed nothing stay quiet). */
  protected abstract isNoteworthy(summary: Summary): boolean;

  private async scheduledPass(): Promise<void> {
    try {
      const run = await this.runOnce();
      if (run.ran && this.isNoteworthy(run.result))
        this.logger.log({ job: this.name, ...run.result }, 'Pass done');
    } catch (error) {
      this.logger.error({ err: error, job: this.name }, 'Pass failed; retrying on the next interval');
    }
  }
}
