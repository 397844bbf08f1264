import { EventEmitter } from 'node:events';
import { namedStatement } from './named-statement';
import { PrismaService } from './prisma.service';

describe('PrismaService pool', () => {
  const service = new PrismaService({ url: 'postgresql://postgres@127.0.0.1:1/none', poolSize: 1 });
  afterAll(() => service.onModuleDestroy());

  it('survives an idle connection the server drops', () => {
    expect(() => service.pool.emit('error', new Error('terminating connection'))).not.toThrow();
  });

  it('gives every client it creates a listener, so a checked-out one can lose its connection too', () => {
    const client = new EventEmitter();
    service.pool.emit('connect', client);
    expect(() => client.emit('error', new Error('Connection terminated unexpectedly'))).not.toThrow();
  });
});

describe('PrismaService.run', () => {
  const statement = namedStatement('SELECT $1::int AS n');
  const sent = (preparedStatements?: boolean) => {
    const service = new PrismaService({ url: 'postgresql://postgres@127.0.0.1:1/none', preparedStatements });
    const query = jest.spyOn(service.pool, 'query').mockResolvedValue({ rows: [{ n: 1 }] } as never);
    return { service, query };
  };

  it('runs a named statement as a prepared statement by default', async () => {
    const { service, query } = sent();
    await expect(service.run(statement, [1])).resolves.toEqual([{ n: 1 }]);
    expect(query).toHaveBeenCalledWith({ name: statement.name, text: statement.text, values: [1] });
  });

  it('sends it unnamed when prepared statements are off (one session shared by every connection)', async () => {
    const { service, query } = sent(false);
    await service.run(statement, [1]);
    expect(query).toHaveBeenCalledWith({ name: undefined, text: statement.text, values: [1] });
  });

  it('names a statement after its text: the same text, the same prepared copy', () => {
    expect(namedStatement('SELECT 1').name).toBe(namedStatement('SELECT 1').name);
    expect(namedStatement('SELECT 1').name).not.toBe(namedStatement('SELECT 2').name);
    expect(namedStatement('SELECT 1').name.length).toBeLessThan(64);
  });
});
