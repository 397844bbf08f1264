import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { HealthService, ReadinessReport } from './health.service';

/** Public: load balancers and orchestrators probe it without a key. */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Readiness: every dependency check passes (database, upstream...).' })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'No check fails (status ok, or degraded when Redis is down).',
  })
  @ApiResponse({ status: HttpStatus.SERVICE_UNAVAILABLE, description: 'At least one check fails.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.health.readiness();
    if (report.status === 'error') void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
