import { Global, Module } from '@nestjs/common';
import { AuditBacklogIndicator } from './audit-backlog.indicator';
import { AuditController } from './audit.controller';
import { AuditHook } from './audit-hook';
import { AuditLogWriter } from './audit-log.writer';
import { AuditQueryService } from './audit-query.service';
import { AuditRecorder } from './audit-recorder.service';
import { AuditVerifier } from './audit-verifier';

@Global()
@Module({
  controllers: [AuditController],
  providers: [
    AuditLogWriter,
    AuditRecorder,
    AuditHook,
    AuditVerifier,
    AuditQueryService,
    AuditBacklogIndicator,
  ],
  exports: [AuditRecorder, AuditHook, AuditVerifier],
})
export class AuditModule {}
