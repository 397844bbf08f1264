import { Injectable } from '@nestjs/common';
import { toMoneyString } from '@app/common';
import { PrismaService } from '@app/database';
import { GatewayConfig } from '../config/gateway-config';
import { LedgerService } from '../ledger/ledger.service';
import { RateLimitPlansService } from '../rate-limit/plans/rate-limit-plans.service';
import { RequestContext } from '../tenancy/request-context';

export interface AccountView {
  id: string;
  name: string;
  status: string;
  currency: string;
  markupPercent: string | null;
  creditLimit: string;
  /** Decimal strings; available = total - held, and may go down to -creditLimit. */
  balance: { available: string; held: string; total: string };
  scopes: readonly string[];
  /** The customer's plan and its limits: per customer (all keys together), and per key when set. */
  rateLimit: {
    plan: string;
    burst: number;
    perMinute: number;
    keyBurst: number | null;
    keyPerMinute: number | null;
  };
  key: { id: string; isAdmin: boolean };
}

/** "Who am I": the customer of the request and the calling key. */
@Injectable()
export class AccountService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: GatewayConfig,
    private readonly ledger: LedgerService,
    private readonly rateLimitPlans: RateLimitPlansService,
  ) {}

  async current(): Promise<AccountView> {
    const context = RequestContext.current();
    const customer = await this.prisma.customer.findUniqueOrThrow({
      where: { id: RequestContext.tenantId() },
    });
    const principal = context?.principal;
    const balance = await this.ledger.balanceOf(customer.id);
    const limits = await this.rateLimitPlans.effective(customer.plan);
    return {
      id: customer.id,
      name: customer.name,
      status: customer.status,
      currency: this.config.currency,
      markupPercent: customer.markupPercent === null ? null : toMoneyString(customer.markupPercent),
      creditLimit: toMoneyString(customer.creditLimit),
      balance: {
        available: toMoneyString(balance.available),
        held: toMoneyString(balance.held),
        total: toMoneyString(balance.total),
      },
      scopes: principal?.scopes ?? [],
      rateLimit: {
        plan: customer.plan,
        burst: limits.burst,
        perMinute: limits.perMinute,
        keyBurst: limits.keyBurst,
        keyPerMinute: limits.keyPerMinute,
      },
      key: { id: principal?.keyId ?? '', isAdmin: principal?.isAdmin ?? false },
    };
  }
}
