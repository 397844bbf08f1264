import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { StreamSkillClient } from './streamskill.client';
import { StreamSkillModule } from './streamskill.module';
import { SAMPLE_PURCHASE, ScriptedUpstream } from './testing/scripted-upstream';
import { captureLogs } from './testing/captured-logs';

@Injectable()
class FakeConfig {
  constructor(readonly baseUrl: string) {}
}

describe('StreamSkillModule', () => {
  let upstream: ScriptedUpstream;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    upstream = await ScriptedUpstream.start();
    upstream.reply(200, SAMPLE_PURCHASE);
  });
  beforeEach(() => (logs = captureLogs()));
  afterEach(() => logs.restore());
  afterAll(async () => upstream.close());

  it('forRootAsync builds the client from injected configuration', async () => {
    @Module({
      providers: [{ provide: FakeConfig, useValue: new FakeConfig(upstream.baseUrl) }],
      exports: [FakeConfig],
    })
    class ConfigModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        StreamSkillModule.forRootAsync({
          imports: [ConfigModule],
          inject: [FakeConfig],
          useFactory: (config: FakeConfig) => ({
            baseUrl: config.baseUrl,
            token: 'tok-module',
            language: 'ru',
          }),
        }),
      ],
    }).compile();
    const client = moduleRef.get(StreamSkillClient);
    await expect(client.getPurchase(1)).resolves.toMatchObject({ id: 1 });
    expect(upstream.lastRequest.headers).toMatchObject({
      authorization: 'Bearer tok-module',
      'accept-language': 'ru',
    });
    await moduleRef.close();
  });

  it('forRoot takes the options directly', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [StreamSkillModule.forRoot({ baseUrl: upstream.baseUrl, token: 'tok-root' })],
    }).compile();
    await moduleRef
      .get(StreamSkillClient)
      .listPurchases()
      .catch(() => undefined);
    expect(upstream.lastRequest.headers.authorization).toBe('Bearer tok-root');
    await moduleRef.close();
  });

  it('refuses options without a token or with a bad timeout', () => {
    expect(() => new StreamSkillClient({ baseUrl: upstream.baseUrl, token: '' })).toThrow(
      /token is required/,
    );
    expect(() => new StreamSkillClient({ baseUrl: upstream.baseUrl, token: 't', readTimeoutMs: 0 })).toThrow(
      /readTimeoutMs/,
    );
  });
});
