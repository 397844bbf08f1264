import { ScriptedUpstream, unusedPort } from './testing/scripted-upstream';
import { StreamSkillClient } from './streamskill.client';

describe('StreamSkillClient.probe', () => {
  let upstream: ScriptedUpstream;

  beforeAll(async () => (upstream = await ScriptedUpstream.start()));
  afterAll(async () => upstream.close());

  it('any HTTP answer from the origin counts as reachable, and no token is sent', async () => {
    const client = new StreamSkillClient({ baseUrl: upstream.baseUrl, token: 'tok-probe' });
    upstream.replyRaw(404, 'not here');
    const result = await client.probe();
    expect(result).toEqual({ reachable: true, status: 404, latencyMs: expect.any(Number) });
    expect(upstream.lastRequest).toMatchObject({ method: 'GET', url: '/' });
    expect(upstream.lastRequest.headers.authorization).toBeUndefined();
    client.close();
  });

  it('nothing listening is unreachable', async () => {
    const client = new StreamSkillClient({
      baseUrl: `http://127.0.0.1:${await unusedPort()}/v1`,
      token: 't',
    });
    expect(await client.probe()).toEqual({ reachable: false, latencyMs: expect.any(Number) });
    client.close();
  });

  it('silence past the probe deadline is unreachable', async () => {
    const client = new StreamSkillClient({ baseUrl: upstream.baseUrl, token: 't', probeTimeoutMs: 50 });
    upstream.hang();
    expect(await client.probe()).toMatchObject({ reachable: false });
    client.close();
  });
});
