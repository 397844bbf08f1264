import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { RedisConnection } from '../../apps/gateway/src/redis/redis-connection';
import { RedisThrottlerStorage } from '../../apps/gateway/src/rate-limit/storage/redis-throttler.storage';
import { pollUntil } from '../auth/support';
import { freePort, suiteRedis, uniquePrefix } from './support';

describe('RedisThrottlerStorage', () => {
  let redis: Awaited<ReturnType<typeof suiteRedis>>;
  const connections: RedisConnection[] = [];
  const connect = (url: string) => {
    const connection = new RedisConnection({ url, commandTimeoutMs: 500 });
    connections.push(connection);
    return connection;
  };
  const ready = (connection: RedisConnection) =>
    pollUntil(async () => connection.isReady, { attempts: 50, intervalMs: 50 });

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await suiteRedis();
  });
  afterAll(async () => {
    for (const connection of connections) connection.onApplicationShutdown();
    await redis?.stop();
  });

  it('counts up to the limit, refuses without counting, and sets the window on the first hit', async () => {
    const connection = connect(redis.url);
    await ready(connection);
    const prefix = uniquePrefix();
    const storage = new RedisThrottlerStorage(connection.client, prefix);
    const records = [];
    for (let hit = 0; hit < 5; hit++)
      records.push(await storage.increment('burst:c:1', 60_000, 3, 60_000, 'burst'));
    expect(records.map((record) => [record.totalHits, record.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
      [4, true],
    ]);
    expect(records[3].timeToBlockExpire).toBeGreaterThanOrEqual(1);
    expect(records[3].timeToBlockExpire).toBeLessThanOrEqual(60);
    expect(await connection.client.get(`${prefix}burst:c:1`)).toBe('3');
    const ttl = await connection.client.pttl(`${prefix}burst:c:1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('starts a new window once the old one expired', async () => {
    const connection = connect(redis.url);
    await ready(connection);
    const storage = new RedisThrottlerStorage(connection.client, uniquePrefix());
    expect((await storage.increment('k', 50, 1, 50, 'burst')).isBlocked).toBe(false);
    await pollUntil(async () => !(await storage.increment('k', 50, 1, 50, 'burst')).isBlocked, {
      attempts: 100,
      intervalMs: 20,
    });
  });

  it('shares one count between clients (instances) with the same prefix', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [connect(redis.url), connect(redis.url)];
    await ready(a);
    await ready(b);
    const first = new RedisThrottlerStorage(a.client, prefix);
    const second = new RedisThrottlerStorage(b.client, prefix);
    const records = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? first : second).increment('s', 60_000, 10, 60_000, 's')),
    );
    expect(records.filter((record) => !record.isBlocked)).toHaveLength(10);
  });

  it('survives a script cache flush (EVALSHA falls back to EVAL)', async () => {
    const connection = connect(redis.url);
    await ready(connection);
    const storage = new RedisThrottlerStorage(connection.client, uniquePrefix());
    await storage.increment('f', 60_000, 5, 60_000, 'f');
    await connection.client.script('FLUSH');
    expect((await storage.increment('f', 60_000, 5, 60_000, 'f')).totalHits).toBe(2);
  });

  it('fails instead of queueing when Redis cannot be reached', async () => {
    const connection = connect(`redis://127.0.0.1:${await freePort()}`);
    const storage = new RedisThrottlerStorage(connection.client, uniquePrefix());
    await expect(storage.increment('x', 1000, 1, 1000, 'x')).rejects.toThrow();
    expect(connection.isReady).toBe(false);
    expect(connection.client).toBeInstanceOf(Redis);
  });
});
