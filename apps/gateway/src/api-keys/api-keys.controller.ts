import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators';
import { AuditAction } from '../audit/audit.decorators';
import { CreateApiKeyDto, RotateApiKeyDto } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('admin: API keys')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post('customers/:id/keys')
  @AuditAction('api_key.create')
  create(@Param('id') customerId: string, @Body() dto: CreateApiKeyDto) {
    return this.keys.issueForCustomer(customerId, dto);
  }

  @Get('customers/:id/keys')
  list(@Param('id') customerId: string) {
    return this.keys.list(customerId);
  }

  @Post('keys/:keyId/rotate')
  @AuditAction('api_key.rotate')
  rotate(@Param('keyId') keyId: string, @Body() dto: RotateApiKeyDto) {
    return this.keys.rotate(keyId, dto.gracePeriodSeconds);
  }

  @Delete('keys/:keyId')
  @HttpCode(200)
  @AuditAction('api_key.revoke')
  revoke(@Param('keyId') keyId: string) {
    return this.keys.revoke(keyId);
  }
}
