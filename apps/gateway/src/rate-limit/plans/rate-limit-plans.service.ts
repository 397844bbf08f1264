import { Injectable } from '@nestjs/common';
import { PrismaService, type RateLimitPlan } from '@app/database';
import { GatewayConfig } from '../../config/gateway-config';
import { validationFailed } from '../../errors/gateway-error';
import { PLAN_NAME, PutRateLimitPlanDto } from './rate-limit-plan.dto';
import { RateLimitPlanView } from './rate-limit-plan.view';

/** Rate-limit plans: rows stored by admins, and the settings' defaults for every other plan name. */
@Injectable()
export class RateLimitPlansService {
  private readonly changeListeners: Array<() => void> = [];

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: GatewayConfig,
  ) {}

  /** Called after every change, so that caches of this instance drop their copies at once. */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  async list(): Promise<RateLimitPlanView[]> {
    const plans = await this.prisma.rateLimitPlan.findMany({ orderBy: { name: 'asc' } });
    return plans.map(planView);
  }

  /** The limits of any plan name: its row, or the defaults when it has none. */
  async effective(name: string): Promise<RateLimitPlanView> {
    const plan = await this.prisma.rateLimitPlan.findUnique({ where: { name } });
    return plan ? planView(plan) : this.defaults(name);
  }

  async get(name: string): Promise<RateLimitPlanView> {
    return this.effective(checkedName(name));
  }

  async put(name: string, dto: PutRateLimitPlanDto): Promise<RateLimitPlanView> {
    const fields = {
      burst: dto.burst,
      perMinute: dto.perMinute,
      keyBurst: dto.keyBurst ?? null,
      keyPerMinute: dto.keyPerMinute ?? null,
    };
    const plan = await this.prisma.rateLimitPlan.upsert({
      where: { name: checkedName(name) },
      create: { name, ...fields },
      update: fields,
    });
    for (const listener of this.changeListeners) listener();
    return planView(plan);
  }

  private defaults(name: string): RateLimitPlanView {
    const { defaultBurst, defaultPerMinute } = this.config.rateLimit;
    return {
      name,
      source: 'defaults',
      burst: defaultBurst,
      perMinute: defaultPerMinute,
      keyBurst: null,
      keyPerMinute: null,
      updatedAt: null,
    };
  }
}

function checkedName(name: string): string {
  if (!PLAN_NAME.test(name))
    throw validationFailed({ name: ['name must be lowercase letters, digits, "-" or "_" (at most 50)'] });
  return name;
}

function planView(plan: RateLimitPlan): RateLimitPlanView {
  return {
    name: plan.name,
    source: 'plan',
    burst: plan.burst,
    perMinute: plan.perMinute,
    keyBurst: plan.keyBurst,
    keyPerMinute: plan.keyPerMinute,
    updatedAt: plan.updatedAt.toISOString(),
  };
}
