import { ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthRateLimiter } from '../auth/auth-rate-limiter';
import { AuthFailureLimiter } from './auth-failure.limiter';
import { GatewayThrottlerGuard } from './gateway-throttler.guard';

/** The auth guard's rate-limit steps: the IP limit on failures, then the key's and customer's budgets. */
@Injectable()
export class InboundRateLimiter implements AuthRateLimiter {
  constructor(
    private readonly authFailures: AuthFailureLimiter,
    private readonly throttler: GatewayThrottlerGuard,
  ) {}

  beforeVerification(context: ExecutionContext, publicId: string | null): void {
    this.authFailures.checkBeforeVerification(context, publicId);
  }

  afterFailure(context: ExecutionContext): Promise<void> {
    return this.authFailures.recordFailure(context);
  }

  async afterSuccess(context: ExecutionContext, publicId: string | null): Promise<void> {
    if (publicId !== null) this.authFailures.trust(context, publicId);
    await this.throttler.canActivate(context);
  }
}
