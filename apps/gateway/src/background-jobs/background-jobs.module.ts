import { Module } from '@nestjs/common';
import { BackgroundUpstream } from './background-upstream';
import { JobLock } from './job-lock';

/** What the reconciler and the status sync share: the cross-instance lock and the upstream seam. */
@Module({
  providers: [JobLock, BackgroundUpstream],
  exports: [JobLock, BackgroundUpstream],
})
export class BackgroundJobsModule {}
