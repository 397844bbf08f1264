import type { StreamSkillClient } from '@app/streamskill';
import { UPSTREAM_PROBE_TTL_MS, UpstreamHealthIndicator } from './upstream.indicator';

function indicatorWith(probe: jest.Mock): UpstreamHealthIndicator {
  return new UpstreamHealthIndicator({ probe } as unknown as StreamSkillClient);
}

describe('UpstreamHealthIndicator', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('reports a reachable upstream as ok with its latency and status', async () => {
    const probe = jest.fn().mockResolvedValue({ reachable: true, status: 404, latencyMs: 12 });
    expect(await indicatorWith(probe).check()).toEqual({
      status: 'ok',
      latencyMs: 12,
      httpStatus: 404,
      ageMs: 0,
    });
  });

  it('reports an unreachable upstream as an error', async () => {
    const probe = jest.fn().mockResolvedValue({ reachable: false, latencyMs: 3 });
    expect(await indicatorWith(probe).check()).toMatchObject({
      status: 'error',
      error: 'upstream unreachable',
    });
  });

  it('probes at most once per TTL however often readiness is polled', async () => {
    const probe = jest.fn().mockResolvedValue({ reachable: true, status: 200, latencyMs: 5 });
    const indicator = indicatorWith(probe);
    await Promise.all([indicator.check(), indicator.check()]);
    jest.advanceTimersByTime(UPSTREAM_PROBE_TTL_MS - 1);
    expect(await indicator.check()).toMatchObject({ ageMs: UPSTREAM_PROBE_TTL_MS - 1 });
    expect(probe).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(1);
    await indicator.check();
    expect(probe).toHaveBeenCalledTimes(2);
  });
});
