import { Global, Module } from '@nestjs/common';
import { IdempotencyCleanup } from './idempotency-cleanup';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';

/** Global, so that any controller can put @Idempotent() on a route. */
@Global()
@Module({
  providers: [IdempotencyService, IdempotencyInterceptor, IdempotencyCleanup],
  exports: [IdempotencyService, IdempotencyInterceptor],
})
export class IdempotencyModule {}
