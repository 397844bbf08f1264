import { budgetCustomer, createOn, startBudgetWorld } from './support';
it('debug: one create in embedded mode', async () => {
  const budget = await startBudgetWorld({ backend: 'postgres' });
  const customer = await budgetCustomer(budget.world);
  const res = await createOn(budget.world.gw, customer);
  const rows = await budget.world.prisma.purchase.findMany({ where: { customerId: customer.id } });
  process.stderr.write(`DEBUG status=${res.status} lastError=${JSON.stringify(rows.map((r) => r.lastError))}\n`);
  process.stderr.write(`LOGS ${budget.world.gw.logs.filter((l) => /"level":(40|50)/.test(l)).slice(0, 5).join('\n')}\n`);
  await budget.close();
});
