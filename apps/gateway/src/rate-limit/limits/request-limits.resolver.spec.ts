import type { GatewayConfig } from '../../config/gateway-config';
import type { CustomerPlanLimits } from '../plans/customer-plan-limits';
import type { RateLimitPlanView } from '../plans/rate-limit-plan.view';
import { countersFor, policiesFor } from './limit-windows';
import { RequestLimitsResolver } from './request-limits.resolver';

const plan = (burst: number, keyBurst: number | null = null): RateLimitPlanView => ({
  name: 'standard',
  source: 'defaults',
  burst,
  perMinute: burst * 20,
  keyBurst,
  keyPerMinute: null,
  updatedAt: null,
});

describe('RequestLimitsResolver', () => {
  const config = { rateLimit: { adminBurst: 100, adminPerMinute: 6000 } } as unknown as GatewayConfig;
  let current = plan(30);
  const customers = { of: async () => current } as unknown as CustomerPlanLimits;
  const resolver = new RequestLimitsResolver(config, customers);
  const key = (keyId: string, customerId: string | null = 'c1') => ({
    keyId,
    customerId,
    scopes: [],
    isAdmin: customerId === null,
  });

  it('builds a key’s limits once per plan, and anew when the plan reloads', async () => {
    const first = await resolver.limitsFor(key('k1'));
    expect(await resolver.limitsFor(key('k1'))).toBe(first);
    expect(policiesFor(first)).toBe(policiesFor(first));
    expect(countersFor(first)).toBe(countersFor(first));
    current = plan(10, 5);
    const reloaded = await resolver.limitsFor(key('k1'));
    expect(reloaded).not.toBe(first);
    expect(reloaded).toMatchObject({ burst: 10, keyBurst: 5, budgetTracker: 'c:c1', keyTracker: 'k:k1' });
    expect(policiesFor(reloaded).map((policy) => policy.name)).toEqual(['key-burst', 'burst', 'sustained']);
  });

  it('gives each key its own limits under one plan, and admin keys the admin budget', async () => {
    const [a, b] = [await resolver.limitsFor(key('ka')), await resolver.limitsFor(key('kb'))];
    expect(a.keyTracker).toBe('k:ka');
    expect(b.keyTracker).toBe('k:kb');
    expect(await resolver.limitsFor(key('admin', null))).toMatchObject({
      budgetTracker: 'a:admin',
      burst: 100,
    });
  });
});
