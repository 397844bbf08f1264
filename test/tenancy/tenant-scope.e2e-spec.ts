import { PrismaService } from '@app/database';
import { RequestContext, MissingTenantError } from '../../apps/gateway/src/tenancy/request-context';
import { TenantPrisma } from '../../apps/gateway/src/tenancy/tenant-prisma.service';
import { createTestDatabase } from '../support/test-database';

describe('tenant scoping in the repository layer', () => {
  let prisma: PrismaService;
  let tenant: TenantPrisma;
  let customerA: string;
  let customerB: string;
  let keyOfB: string;

  beforeAll(async () => {
    prisma = new PrismaService({ url: (await createTestDatabase()).url, poolSize: 2 });
    tenant = new TenantPrisma(prisma);
    customerA = (await prisma.customer.create({ data: { name: 'A' } })).id;
    customerB = (await prisma.customer.create({ data: { name: 'B' } })).id;
    const key = (customerId: string, name: string) => ({
      customerId,
      name,
      publicId: `${name}${Date.now()}${Math.random()}`.slice(0, 40),
      secretHash: 'x',
      scopes: ['purchases:read'],
      allowedIps: [],
    });
    await prisma.apiKey.create({ data: key(customerA, 'a-key') });
    keyOfB = (await prisma.apiKey.create({ data: key(customerB, 'b-key') })).id;
  });

  afterAll(() => prisma.$disconnect());

  // Prisma queries are lazy: they run (and read the tenant) when awaited, so await inside the context.
  const asA = <T>(fn: () => PromiseLike<T>) => RequestContext.runAsTenant(customerA, async () => await fn());

  it('lists only the current tenant rows', async () => {
    const keys = await asA(() => tenant.client.apiKey.findMany());
    expect(keys.map((k) => k.customerId)).toEqual([customerA]);
  });

  it('does not find another tenant row by its id', async () => {
    expect(await asA(() => tenant.client.apiKey.findUnique({ where: { id: keyOfB } }))).toBeNull();
    expect(await asA(() => tenant.client.apiKey.count({ where: { id: keyOfB } }))).toBe(0);
  });

  it('cannot change or delete another tenant row', async () => {
    await expect(
      asA(() => tenant.client.apiKey.update({ where: { id: keyOfB }, data: { name: 'x' } })),
    ).rejects.toMatchObject({
      code: 'P2025',
    });
    expect(await asA(() => tenant.client.apiKey.deleteMany({ where: { id: keyOfB } }))).toEqual({ count: 0 });
    expect((await prisma.apiKey.findUnique({ where: { id: keyOfB } }))?.name).toBe('b-key');
  });

  it('creates rows for the current tenant whatever the caller passes', async () => {
    const created = await asA(() =>
      tenant.client.apiKey.create({
        data: { customerId: customerB, name: 'forced', publicId: `forced${Date.now()}`, secretHash: 'x' },
      }),
    );
    expect(created.customerId).toBe(customerA);
  });

  it('refuses to query customer data outside of a tenant context', async () => {
    await expect(tenant.client.apiKey.findMany()).rejects.toBeInstanceOf(MissingTenantError);
  });

  it('leaves models that belong to nobody unscoped', async () => {
    await expect(tenant.client.customer.count()).resolves.toBeGreaterThanOrEqual(2);
  });
});
