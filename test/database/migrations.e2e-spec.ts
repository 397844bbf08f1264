import pg from 'pg';
import { PrismaService } from '@app/database';
import { createTestDatabase } from '../support/test-database';

describe('database workflow', () => {
  it('gives every suite a migrated database that Prisma can use through adapter-pg', async () => {
    const { url } = await createTestDatabase();
    const prisma = new PrismaService({ url, poolSize: 2 });
    try {
      const key = `probe-${Date.now()}-${Math.random()}`;
      await prisma.systemSetting.create({ data: { key, value: 'v' } });
      const found = await prisma.systemSetting.findUnique({ where: { key } });
      expect(found?.value).toBe('v');
    } finally {
      await prisma.$disconnect();
    }
  });

  it('records applied migrations with the checksum of their SQL, as Prisma does', async () => {
    const { url } = await createTestDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations',
    );
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });
});
