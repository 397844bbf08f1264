import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '../../audit/audit.decorators';
import { AdminOnly } from '../../auth/auth.decorators';
import { PutRateLimitPlanDto } from './rate-limit-plan.dto';
import { RateLimitPlanView } from './rate-limit-plan.view';
import { RateLimitPlansService } from './rate-limit-plans.service';

@ApiTags('admin: rate limits')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/rate-limit-plans')
export class RateLimitPlansController {
  constructor(private readonly plans: RateLimitPlansService) {}

  @Get()
  @ApiOperation({ summary: 'The stored plans; any other plan name gets the RATE_LIMIT_DEFAULT_* limits.' })
  @ApiOkResponse({ type: RateLimitPlanView, isArray: true })
  list(): Promise<RateLimitPlanView[]> {
    return this.plans.list();
  }

  @Get(':name')
  @ApiOperation({ summary: "A plan's limits: its stored row, or the defaults when it has none." })
  @ApiOkResponse({ type: RateLimitPlanView })
  get(@Param('name') name: string): Promise<RateLimitPlanView> {
    return this.plans.get(name);
  }

  @Put(':name')
  @AuditAction('rate_limit_plan.put')
  @ApiOperation({
    summary: 'Creates or replaces a plan: every customer whose plan has this name gets these limits.',
  })
  @ApiOkResponse({ type: RateLimitPlanView })
  put(@Param('name') name: string, @Body() dto: PutRateLimitPlanDto): Promise<RateLimitPlanView> {
    return this.plans.put(name, dto);
  }
}
