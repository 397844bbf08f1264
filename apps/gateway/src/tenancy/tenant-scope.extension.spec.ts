import fs from 'node:fs';
import path from 'node:path';
import { TENANT_SCOPED_MODELS } from './tenant-scope.extension';

const SCHEMA = path.resolve(__dirname, '../../../../prisma/schema.prisma');

/** Models of schema.prisma with a `customerId` column: they hold one customer's data. */
function customerOwnedModels(): string[] {
  const schema = fs.readFileSync(SCHEMA, 'utf8');
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
    .filter(([, , body]) => /^\s+customerId\s/m.test(body))
    .map(([, name]) => name)
    .sort();
}

describe('tenant scoping covers every customer-owned model', () => {
  it('finds the customer-owned models in the schema', () => {
    expect(customerOwnedModels()).toEqual(expect.arrayContaining(['ApiKey', 'Purchase', 'LedgerEntry']));
  });

  it('scopes each of them (a new model with customerId must be added to TENANT_SCOPED_MODELS)', () => {
    // The audit log names customers but belongs to the operator: admins read all of it.
    const expected = customerOwnedModels().filter((model) => model !== 'AuditLog');
    expect([...TENANT_SCOPED_MODELS].sort()).toEqual(expected);
  });
});
