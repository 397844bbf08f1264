import { Controller, Get, Header, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { MetricsRegistry } from './metrics-registry';
import { MetricsTokenGuard } from './metrics-token.guard';

/** Outside the /v1 prefix (see app.factory.ts), where Prometheus looks by default. */
export const METRICS_PATH = 'metrics';

@Public()
@ApiTags('health')
@Controller(METRICS_PATH)
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  @UseGuards(MetricsTokenGuard)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: 'Prometheus metrics of this instance; needs `Bearer <METRICS_TOKEN>` when that setting is set.',
  })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.type(this.registry.contentType);
    return this.registry.metrics();
  }
}
