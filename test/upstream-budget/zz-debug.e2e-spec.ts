import { budgetCustomer, createOn, startBudgetWorld } from './support';
jest.setTimeout(120_000);
it('debug: one customer, 30 concurrent creates', async () => {
  const budget = await startBudgetWorld({ backend: 'postgres' });
  const customer = await budgetCustomer(budget.world);
  const started = Date.now();
  const answers = await Promise.all(Array.from({ length: 30 }, () => createOn(budget.world.gw, customer)));
  const byStatus: Record<number, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  const ready = await budget.world.gw.call('GET', '/v1/health/ready');
  process.stderr.write(`DEBUG ${Date.now() - started}ms ${JSON.stringify(byStatus)} ${JSON.stringify(ready.body.checks.upstreamBudget)}\n`);
  await budget.close();
});
