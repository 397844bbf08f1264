import { parseFaultConfig, ruleMatches } from './fault-rules';
import { FaultStore } from './fault-store';

describe('fault rules', () => {
  it('matches method and path globs', () => {
    expect(
      ruleMatches({ method: 'post', path: '/v1/purchases/create' }, 'POST', '/v1/purchases/create'),
    ).toBe(true);
    expect(ruleMatches({ method: 'GET' }, 'POST', '/v1/purchases/create')).toBe(false);
    expect(ruleMatches({ path: '/v1/purchases/*/start' }, 'POST', '/v1/purchases/12/start')).toBe(true);
    expect(ruleMatches({ path: '/v1/purchases/:id' }, 'GET', '/v1/purchases/12/start')).toBe(false);
    expect(ruleMatches({ path: '/v1/**' }, 'GET', '/v1/purchases/12/start')).toBe(true);
    expect(ruleMatches({}, 'GET', '/anything')).toBe(true);
  });

  it('rejects unknown keys, bad statuses and probabilities over 1', () => {
    expect(parseFaultConfig({ errorRate: { '500': 1 }, times: 2 })).toEqual({
      rules: [{ errorRate: { '500': 1 }, times: 2 }],
    });
    const bad = parseFaultConfig([{ latency: 5 }, { errorRate: { '200': 0.5, '503': 0.7 } }, { times: 0 }]);
    expect('problems' in bad && bad.problems).toEqual([
      'fault[0].latency is not a known fault setting',
      'fault[1].errorRate key "200" must be a 4xx/5xx',
      'fault[1].errorRate probabilities must sum to at most 1',
      'fault[2].times must be an integer >= 1',
    ]);
  });
});

describe('FaultStore', () => {
  it('expires a rule after `times` matching requests and ignores non-matching ones', () => {
    const store = new FaultStore(() => 0);
    store.replace([{ method: 'POST', errorRate: { '503': 1 }, times: 2 }]);
    expect(store.plan('GET', '/v1/purchases').errorStatus).toBeNull();
    expect(store.plan('POST', '/v1/purchases/create').errorStatus).toBe(503);
    expect(store.list()).toEqual([{ method: 'POST', errorRate: { '503': 1 }, times: 1 }]);
    expect(store.plan('POST', '/v1/purchases/create').errorStatus).toBe(503);
    expect(store.plan('POST', '/v1/purchases/create').errorStatus).toBeNull();
    expect(store.list()).toEqual([]);
  });

  it('rolls error rates cumulatively and adds latencies', () => {
    let roll = 0.5;
    const store = new FaultStore(() => roll);
    store.replace([
      { errorRate: { '500': 0.3, '503': 0.3 } },
      { latencyMs: 5 },
      { latencyMs: 7, timeout: true },
    ]);
    expect(store.plan('GET', '/x')).toMatchObject({ errorStatus: 503, latencyMs: 12, timeout: true });
    roll = 0.9;
    expect(store.plan('GET', '/x').errorStatus).toBeNull();
  });
});
