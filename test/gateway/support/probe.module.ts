import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { Prisma } from '@app/database';
import { StreamSkillHttpError } from '@app/streamskill';
import { GatewayError } from '../../../apps/gateway/src/errors/gateway-error';
import { Public } from '../../../apps/gateway/src/auth/auth.decorators';

class TarifDto {
  @IsInt() @Min(1) id: number;
  @IsInt() @Max(10000) quantity: number;
}

class CartDto {
  @ValidateNested() @Type(() => TarifDto) tarif: TarifDto;
  @IsString() channel: string;
}

/** Requests to GET /v1/test/held wait here until the test releases them. */
class HeldRequests {
  private arrivals: Array<() => void> = [];
  private held: Array<() => void> = [];

  hold(): Promise<void> {
    this.arrivals.splice(0).forEach((arrived) => arrived());
    return new Promise((release) => this.held.push(release));
  }

  nextArrival(): Promise<void> {
    return new Promise((arrived) => this.arrivals.push(arrived));
  }

  releaseAll(): void {
    this.held.splice(0).forEach((release) => release());
  }
}

export const heldRequests = new HeldRequests();

export const LEAKY_INTERNAL_MESSAGE = 'password authentication failed for user "gateway" (hunter2)';
export const LOGGED_SECRET = 'upstream-secret-in-a-log-call';

/** Test-only routes that make every kind of failure happen on demand, under /v1/test. */
@Public()
@Controller('test')
class ProbeController {
  constructor(@InjectPinoLogger('ProbeController') private readonly logger: PinoLogger) {}

  @Post('carts')
  createCart(@Body() cart: CartDto): CartDto {
    this.logger.info({ cart, upstream: { token: LOGGED_SECRET } }, 'Cart accepted');
    return cart;
  }

  @Get('crash')
  crash(): never {
    throw new Error(LEAKY_INTERNAL_MESSAGE);
  }

  @Get('rate-limited')
  rateLimited(): never {
    throw new GatewayError(429, 'rate_limited', 'Too many requests for this key.', {
      headers: { 'Retry-After': '7' },
    });
  }

  @Get('prisma/:code')
  prisma(@Param('code') code: string): never {
    throw new Prisma.PrismaClientKnownRequestError('Unique constraint failed', {
      code,
      clientVersion: 'test',
    });
  }

  @Get('upstream/:status')
  upstream(@Param('status') status: string): never {
    throw new StreamSkillHttpError({
      endpoint: 'POST /purchases/create',
      status: Number(status),
      type: 'upstream_type',
      message: 'upstream said no',
    });
  }

  @Get('held')
  async held(): Promise<{ done: true }> {
    await heldRequests.hold();
    return { done: true };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
