import type { GatewayConfig } from '../config/gateway-config';

/** Allowed difference between our database's clock and StreamSkill's. */
export const CLOCK_SKEW_MS = 2 * 60_000;
/** Beyond the write timeout: the create flow's own bookkeeping after upstream answered. */
const ANSWER_SLACK_MS = 5_000;

/**
 * How long after a purchase row was written its create call may still be waiting for StreamSkill:
 * until then the create flow settles it, not the reconciler nor an admin.
 */
export function answerGraceMs(config: Pick<GatewayConfig, 'streamSkill'>): number {
  return config.streamSkill.writeTimeoutMs + ANSWER_SLACK_MS;
}
