import type { GatewayHarness } from '../../support/gateway-harness';
import { customerOnPlan } from '../../rate-limit/support';
import { CUSTOMER_CREDIT, createRequest } from './fault-world';
import { send, type Sample } from './traffic';

/** A funded customer whose plan allows `perMinute` requests a minute (no burst limit to speak of). */
export async function limitedCustomer(gw: GatewayHarness, perMinute: number) {
  const { customer, key } = await customerOnPlan(gw, { burst: 1000, perMinute });
  const credit = await gw.call('POST', `/v1/admin/customers/${customer.id}/ledger`, {
    key: gw.adminKey,
    body: { type: 'credit', amount: CUSTOMER_CREDIT, reason: 'reliability test' },
  });
  if (credit.status !== 201) throw new Error(`credit: ${credit.status} ${JSON.stringify(credit.body)}`);
  return { id: customer.id as string, key };
}

/** `count` creates one after the other, sent to the instances in turn; their outcomes in order. */
export async function createsInTurn(
  instances: GatewayHarness[],
  key: string,
  count: number,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let index = 0; index < count; index++) {
    const answer = await send(instances[index % instances.length].url, createRequest(key));
    samples.push({ phase: `instance ${index % instances.length}`, ...answer });
  }
  return samples;
}
