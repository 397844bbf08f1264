import { EventEmitter } from 'node:events';
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
