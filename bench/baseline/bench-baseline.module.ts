import { Module } from '@nestjs/common';
import { BenchBaselineController } from './bench-baseline.controller';
import { BenchPurchaseRead } from './bench-purchase.read';

/** Mounted only by bench/servers/gateway-server.ts: createGatewayApp(env, { imports: [this] }). */
@Module({ controllers: [BenchBaselineController], providers: [BenchPurchaseRead] })
export class BenchBaselineModule {}
