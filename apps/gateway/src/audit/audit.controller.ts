import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators';
import { AuditQuery } from './audit.dto';
import { AuditQueryService } from './audit-query.service';
import { AuditVerifier } from './audit-verifier';

@ApiTags('admin: audit')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/audit')
export class AuditController {
  constructor(
    private readonly query: AuditQueryService,
    private readonly verifier: AuditVerifier,
  ) {}

  @Get()
  list(@Query() query: AuditQuery) {
    return this.query.list(query);
  }

  @Get('verify')
  verify() {
    return this.verifier.verify();
  }
}
