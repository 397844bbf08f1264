import pg from 'pg';
import { PrismaService } from '@app/database';
import { AuditLogWriter } from '../../apps/gateway/src/audit/audit-log.writer';
import { AuditVerifier } from '../../apps/gateway/src/audit/audit-verifier';
import { createTestDatabase } from '../support/test-database';

const entry = (i: number) => ({
  actorType: 'job' as const,
  actorId: 'test',
  action: 'test.append',
  target: `t${i}`,
  outcome: 'success' as const,
  details: { i, nested: { z: 1, a: 2 } },
});

describe('audit log on PostgreSQL', () => {
  let url: string;
  let prisma: PrismaService;
  let writer: AuditLogWriter;
  let verifier: AuditVerifier;

  beforeAll(async () => {
    ({ url } = await createTestDatabase());
    prisma = new PrismaService({ url, poolSize: 8 });
    writer = new AuditLogWriter(prisma);
    verifier = new AuditVerifier(prisma);
  });
  afterAll(() => prisma.$disconnect());

  async function sql(text: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  it('keeps one unbroken chain under concurrent appends', async () => {
    const seqs = await Promise.all(Array.from({ length: 40 }, (_, i) => writer.append(entry(i))));
    expect(new Set(seqs.map(String)).size).toBe(40);
    const result = await verifier.verify();
    expect(result).toMatchObject({ ok: true, firstBreak: null });
    expect(result.checkedRows).toBeGreaterThanOrEqual(40);
  });

  it('keeps one chain when two instances append in turns and at once', async () => {
    const other = new AuditLogWriter(prisma);
    // In turns: each writer's remembered head is stale every time, so each append re-reads it.
    for (let i = 0; i < 6; i++) await (i % 2 ? other : writer).append(entry(200 + i));
    const both = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? other : writer).append(entry(300 + i))),
    );
    expect(new Set(both.map(String)).size).toBe(40);
    expect(await verifier.verify()).toMatchObject({ ok: true, firstBreak: null });
  });

  /** Messages sent to PostgreSQL by `fn`'s appends (each client.query is one round trip). */
  async function messagesOf(fn: () => Promise<unknown>): Promise<number> {
    let sent = 0;
    const connect = prisma.pool.connect.bind(prisma.pool);
    const spy = jest.spyOn(prisma.pool, 'connect').mockImplementation((async () => {
      const client = await connect();
      return new Proxy(client, {
        get(target, name) {
          if (name === 'query')
            return (...args: unknown[]) => {
              sent++;
              return (target.query as (...a: unknown[]) => unknown)(...args);
            };
          const value = Reflect.get(target, name) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    }) as typeof prisma.pool.connect);
    try {
      await fn();
    } finally {
      spy.mockRestore();
    }
    return sent;
  }

  it('appends in one round trip while it is the only writer, and in two after another wrote', async () => {
    const alone = new AuditLogWriter(prisma);
    expect(await messagesOf(() => alone.append(entry(400)))).toBe(2); // the head is read once
    expect(await messagesOf(() => alone.append(entry(401)))).toBe(1);
    expect(await messagesOf(() => alone.append(entry(402)))).toBe(1);
    await new AuditLogWriter(prisma).append(entry(403));
    // The try finds the head moved (nothing written), then the locked path: three; then it backs off.
    expect(await messagesOf(() => alone.append(entry(404)))).toBe(3);
    expect(await messagesOf(() => alone.append(entry(405)))).toBe(2);
    expect(await messagesOf(() => alone.append(entry(406)))).toBe(1);
    expect(await verifier.verify()).toMatchObject({ ok: true, firstBreak: null });
  });

  it('stores NUL characters and lone surrogates as U+FFFD, so that such a row is never stuck', async () => {
    const seq = await writer.append({ ...entry(8), target: 'a\u0000b', details: { 'k\u0000': 'x\uD800' } });
    const [row] = await prisma.$queryRaw<{ target: string; details: unknown }[]>`
      SELECT target, details FROM audit_log WHERE seq = ${seq}`;
    expect(row).toEqual({ target: 'a\uFFFDb', details: { 'k\uFFFD': 'x\uFFFD' } });
    expect(await verifier.verify()).toMatchObject({ ok: true });
  });

  it('writes the rows of a batch one by one when the database refuses one of them', async () => {
    const refused = writer.append({ ...entry(9), httpStatus: 2 ** 40 }); // out of range for an integer
    const fine = Promise.all([writer.append(entry(10)), writer.append(entry(11))]);
    await expect(refused).rejects.toThrow(/out of range/);
    expect((await fine).every((seq) => typeof seq === 'bigint')).toBe(true);
    expect(await verifier.verify()).toMatchObject({ ok: true });
  });

  it('stores every field as the hash covers it', async () => {
    const seq = await writer.append({
      ...entry(7),
      actorCustomerId: '6b8f1c0e-5d3a-4f4e-9a7b-2c1d0e9f8a7b',
      customerId: '6b8f1c0e-5d3a-4f4e-9a7b-2c1d0e9f8a7b',
      httpStatus: 201,
      requestId: "req-'quoted'\\",
      ip: '203.0.113.9',
      details: { text: 'it\'s "quoted" \\ ü', list: [1, null, { b: true }] },
    });
    const [row] = await prisma.$queryRaw<{ http_status: number; request_id: string; details: unknown }[]>`
      SELECT http_status, request_id, details FROM audit_log WHERE seq = ${seq}`;
    expect(row).toEqual({
      http_status: 201,
      request_id: "req-'quoted'\\",
      details: { text: 'it\'s "quoted" \\ ü', list: [1, null, { b: true }] },
    });
    expect(await verifier.verify()).toMatchObject({ ok: true });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await writer.append(entry(1));
    await expect(sql(`UPDATE audit_log SET outcome = 'failure'`)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(sql(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  const rewrite = (seq: bigint, target: string) =>
    sql(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
      UPDATE audit_log SET target = '${target}' WHERE seq = ${seq};
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`);

  it('reports the first row altered behind the trigger’s back, and only while it is altered', async () => {
    const seq = await writer.append(entry(99));
    await writer.append(entry(100));
    await rewrite(seq, 'forged');
    try {
      expect(await verifier.verify()).toMatchObject({
        ok: false,
        firstBreak: { seq: seq.toString(), reason: 'hash_mismatch' },
      });
    } finally {
      // The embedded test database is shared by the suites of a run: put the row back.
      await rewrite(seq, 't99');
    }
    expect(await verifier.verify()).toMatchObject({ ok: true });
  });
});
