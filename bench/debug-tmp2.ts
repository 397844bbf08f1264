import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../libs/database/src/generated/prisma/client';
import { poolConfigFromUrl } from '../libs/database/src/connection-config';
import { createScratchDatabase } from './support/scratch-database';
import { seedDatabase } from './support/seed';
(async () => {
  const db = await createScratchDatabase('postgresql://postgres@127.0.0.1:5432/postgres');
  const seed = await seedDatabase(db.url, {
    customers: 5,
    purchasesPerCustomer: 200,
    readPurchasesPerCustomer: 5,
    pepper: 'bench-pepper-0123456789abcdef0123456789abcdef',
  });
  const pool = new pg.Pool(poolConfigFromUrl(db.url, { max: 10 }));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const c = seed.customers[0];
  const id = c.purchaseIds[0];
  const variants: Record<string, () => Promise<unknown>> = {
    findFirst: () =>
      prisma.purchase.findFirst({
        where: { id, customerId: c.id, billingState: { notIn: ['rejected', 'released'] } },
      }),
    queryRaw: () =>
      prisma.$queryRaw`SELECT * FROM purchases WHERE id = ${id} AND customer_id = ${c.id}::uuid AND billing_state NOT IN ('rejected','released')`,
    pg: () =>
      pool.query({
        name: 'p1',
        text: `SELECT * FROM purchases WHERE id = $1 AND customer_id = $2 AND billing_state NOT IN ('rejected','released')`,
        values: [id, c.id],
      }),
    pgUnnamed: () =>
      pool.query(
        `SELECT * FROM purchases WHERE id = $1 AND customer_id = $2 AND billing_state NOT IN ('rejected','released')`,
        [id, c.id],
      ),
  };
  for (let round = 0; round < 2; round++)
    for (const [name, fn] of Object.entries(variants)) {
      for (let i = 0; i < 300; i++) await fn();
      const cpu = process.cpuUsage();
      const t = performance.now();
      const N = 2000;
      // 10 in parallel, like a loaded server
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let i = 0; i < N / 10; i++) await fn();
        }),
      );
      const used = process.cpuUsage(cpu);
      console.log(
        round,
        name.padEnd(10),
        'cpu µs/op',
        ((used.user + used.system) / N).toFixed(0),
        'wall ms',
        (performance.now() - t).toFixed(0),
      );
    }
  await prisma.$disconnect();
  await pool.end().catch(() => {});
  await db.drop();
})();
