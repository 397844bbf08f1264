import { Controller, Get, Headers, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../apps/gateway/src/auth/auth.decorators';
import { parsePurchaseId } from '../../apps/gateway/src/purchases/dto/request-params';
import { BENCH_CUSTOMER_HEADER } from './bench-customer-header';
import { BenchPurchaseRead } from './bench-purchase.read';

/**
 * Baselines mounted in the benchmarked gateway itself (same process, Fastify adapter, global hooks):
 * no key check, no throttle, no audit (GET is never audited), no tenant context.
 */
@Public()
@ApiExcludeController()
@Controller('bench')
export class BenchBaselineController {
  constructor(private readonly reads: BenchPurchaseRead) {}

  @Get('hello')
  hello(): { hello: string } {
    return { hello: 'world' };
  }

  @Get('purchases/:id')
  purchase(@Param('id') id: string, @Headers(BENCH_CUSTOMER_HEADER) customerId: string) {
    return this.reads.one(customerId, parsePurchaseId(id));
  }
}
