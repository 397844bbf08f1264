import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import { GatewayError, validationFailed } from '../errors/gateway-error';
import { RequestContext } from '../tenancy/request-context';
import { KeyVerifier } from '../auth/key-verifier.service';
import { CreateCustomerDto, ListCustomersQuery, UpdateCustomerDto } from './customer.dto';
import { customerView, CustomerView } from './customer.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class CustomersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly keys: KeyVerifier,
  ) {}

  async create(dto: CreateCustomerDto): Promise<CustomerView> {
    const customer = await this.prisma.customer.create({ data: dto });
    RequestContext.annotateAudit({ target: customer.id, customerId: customer.id });
    return customerView(customer);
  }

  async list(query: ListCustomersQuery): Promise<{ items: CustomerView[]; nextCursor: string | null }> {
    const limit = Number(query.limit ?? 50);
    const rows = await this.prisma.customer.findMany({
      where: { status: query.status, externalId: query.externalId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map(customerView),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  async get(id: string): Promise<CustomerView> {
    return customerView(await this.findOrThrow(id));
  }

  async update(id: string, dto: UpdateCustomerDto): Promise<CustomerView> {
    await this.findOrThrow(id);
    const updated = await this.prisma.$transaction(async (tx) => {
      if (dto.creditLimit !== undefined) await this.refuseLimitBelowDebt(tx, id, dto.creditLimit);
      return tx.customer.update({ where: { id }, data: dto });
    });
    // Suspending (or reactivating) must reach this instance's key cache at once.
    if (dto.status) this.keys.forgetAll();
    return customerView(updated);
  }

  /** Lowering the credit limit below what the customer already owes would break `available >= -limit`. */
  private async refuseLimitBelowDebt(
    tx: Prisma.TransactionClient,
    id: string,
    creditLimit: string,
  ): Promise<void> {
    // Holds lock the balance row too: with it locked, no purchase can slip in between check and update.
    const rows = await tx.$queryRaw<{ available: Prisma.Decimal }[]>`
      SELECT total - held AS available FROM balances WHERE customer_id = ${id}::uuid FOR UPDATE`;
    const available = rows[0]?.available ?? new Prisma.Decimal(0);
    if (available.plus(creditLimit).isNegative()) {
      throw validationFailed(
        {
          creditLimit: [
            `creditLimit must cover what the customer owes now (available ${available.toFixed(2)})`,
          ],
        },
        'The new credit limit is below the current debt.',
      );
    }
  }

  async findOrThrow(id: string) {
    const customer = UUID.test(id) ? await this.prisma.customer.findUnique({ where: { id } }) : null;
    if (!customer) throw new GatewayError(404, 'not_found_http_exception', 'Customer not found.');
    return customer;
  }
}
