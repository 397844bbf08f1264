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

  describe('hitAll (every window of a request in one script)', () => {
    const burst = { key: 'burst:c:1', ttl: 60_000, limit: 3, name: 'burst' };
    const sustained = { key: 'sustained:c:1', ttl: 120_000, limit: 5, name: 'sustained' };
    const counts = (records: { totalHits: number; isBlocked: boolean }[]) =>
      records.map((record) => [record.totalHits, record.isBlocked]);

    async function storageWithPrefix() {
      const connection = connect(redis.url);
      await ready(connection);
      const prefix = uniquePrefix();
      return {
        client: connection.client,
        prefix,
        storage: new RedisThrottlerStorage(connection.client, prefix),
      };
    }

    it('counts one hit in every window, each with its own expiry', async () => {
      const { client, prefix, storage } = await storageWithPrefix();
      await storage.hitAll([burst, sustained]);
      expect(counts(await storage.hitAll([burst, sustained]))).toEqual([
        [2, false],
        [2, false],
      ]);
      expect(await client.mget(`${prefix}burst:c:1`, `${prefix}sustained:c:1`)).toEqual(['2', '2']);
      const burstTtl = await client.pttl(`${prefix}burst:c:1`);
      const sustainedTtl = await client.pttl(`${prefix}sustained:c:1`);
      expect(burstTtl).toBeGreaterThan(0);
      expect(burstTtl).toBeLessThanOrEqual(60_000);
      expect(sustainedTtl).toBeGreaterThan(60_000);
      expect(sustainedTtl).toBeLessThanOrEqual(120_000);
    });

    it('counts a refused hit in no window, and starts none', async () => {
      const { client, prefix, storage } = await storageWithPrefix();
      for (let hit = 0; hit < 3; hit++) await storage.hitAll([burst, sustained]);
      const refused = await storage.hitAll([burst, sustained]);
      expect(counts(refused)).toEqual([
        [4, true],
        [3, false],
      ]);
      expect(refused[0].timeToBlockExpire).toBeGreaterThanOrEqual(1);
      expect(refused[0].timeToBlockExpire).toBeLessThanOrEqual(60);
      expect(await client.get(`${prefix}sustained:c:1`)).toBe('3');

      const fresh = { key: 'key-burst:k:1', ttl: 60_000, limit: 10, name: 'key-burst' };
      expect(counts(await storage.hitAll([fresh, burst]))).toEqual([
        [0, false],
        [4, true],
      ]);
      expect(await client.exists(`${prefix}key-burst:k:1`)).toBe(0);
    });

    it('ends each window on its own', async () => {
      const { storage } = await storageWithPrefix();
      const short = { key: 'burst:c:2', ttl: 50, limit: 1, name: 'burst' };
      const long = { key: 'sustained:c:2', ttl: 60_000, limit: 10, name: 'sustained' };
      expect(counts(await storage.hitAll([short, long]))).toEqual([
        [1, false],
        [1, false],
      ]);
      await pollUntil(async () => !(await storage.hitAll([short, long]))[0].isBlocked, {
        attempts: 100,
        intervalMs: 20,
      });
      // Refused hits while the short window ran were counted nowhere: the long one saw two hits.
      expect(counts(await storage.hitAll([long]))).toEqual([[3, false]]);
    });

    it('shares its counters with increment, and an exact total between clients', async () => {
      const { storage, prefix } = await storageWithPrefix();
      await storage.increment(burst.key, burst.ttl, burst.limit, burst.ttl, burst.name);
      expect(counts(await storage.hitAll([burst]))).toEqual([[2, false]]);

      const other = connect(redis.url);
      await ready(other);
      const second = new RedisThrottlerStorage(other.client, prefix);
      const windows = [
        { key: 'burst:c:3', ttl: 60_000, limit: 1000, name: 'burst' },
        { key: 'sustained:c:3', ttl: 60_000, limit: 10, name: 'sustained' },
      ];
      const records = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? storage : second).hitAll(windows)),
      );
      expect(records.filter(([, last]) => !last.isBlocked)).toHaveLength(10);
      expect(Math.max(...records.map(([first]) => first.totalHits))).toBe(10);
    });
  });

  it('fails instead of queueing when Redis cannot be reached', async () => {
    const connection = connect(`redis://127.0.0.1:${await freePort()}`);
    const storage = new RedisThrottlerStorage(connection.client, uniquePrefix());
    await expect(storage.increment('x', 1000, 1, 1000, 'x')).rejects.toThrow();
    expect(connection.isReady).toBe(false);
    expect(connection.client).toBeInstanceOf(Redis);
  });
});
