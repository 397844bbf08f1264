import { SANDBOX_TOKEN } from './servers/sandbox-token';
import { startServer } from './support/processes';
import { createScratchDatabase } from './support/scratch-database';
import { seedDatabase } from './support/seed';
(async () => {
  const db = await createScratchDatabase('postgresql://postgres@127.0.0.1:5432/postgres');
  const seed = await seedDatabase(db.url, {
    customers: 3,
    purchasesPerCustomer: 5,
    readPurchasesPerCustomer: 2,
    pepper: 'bench-pepper-0123456789abcdef0123456789abcdef',
  });
  const sb = await startServer('sandbox', 'sandbox-server.ts', {});
  const gw = await startServer('gw', 'gateway-server.ts', {
    DATABASE_URL: db.url,
    REDIS_URL: '',
    STREAMSKILL_BASE_URL: sb.url,
    STREAMSKILL_API_TOKEN: SANDBOX_TOKEN,
    GATEWAY_KEY_PEPPER: 'bench-pepper-0123456789abcdef0123456789abcdef',
    BACKGROUND_JOBS_ENABLED: 'false',
    NODE_ENV: 'production',
  });
  const c = seed.customers[0];
  const time = async (label: string, path: string, headers: Record<string, string>) => {
    const ms: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const r = await fetch(`${gw.url}${path}`, { headers });
      await r.text();
      ms.push(performance.now() - t);
    }
    console.log(label, ms.map((m) => m.toFixed(0)).join(' '));
  };
  await time('hello', '/v1/bench/hello', {});
  await time('bare', `/v1/bench/purchases/${c.purchaseIds[0]}`, { 'x-bench-customer': c.id });
  await time('auth', `/v1/purchases/${c.purchaseIds[0]}`, { authorization: `Bearer ${c.key}` });
  await time('hello', '/v1/bench/hello', {});
  await gw.stop();
  await sb.stop();
  await db.drop();
})();
