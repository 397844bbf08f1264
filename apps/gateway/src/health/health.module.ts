import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { DatabaseHealthIndicator } from './indicators/database.indicator';
import { UpstreamHealthIndicator } from './indicators/upstream.indicator';

@Module({
  imports: [DiscoveryModule],
  controllers: [HealthController],
  providers: [HealthService, DatabaseHealthIndicator, UpstreamHealthIndicator],
})
export class HealthModule {}
