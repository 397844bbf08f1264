import { Prisma } from '@app/database';
import { fromDatabaseUnavailable } from './database-unavailable.mapper';

const known = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('db', { code, clientVersion: 'test', meta });
const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
const adapterCause = (cause: Record<string, unknown>) => ({ driverAdapterError: { name: 'x', cause } });

describe('fromDatabaseUnavailable', () => {
  it.each([
    ['a server that cannot be reached (Prisma P1001)', known('P1001')],
    ['a closed connection (Prisma P1017)', known('P1017')],
    ['a server shutting down (57P01, under the adapter)', known('P2039', adapterCause({ code: '57P01' }))],
    [
      'a server starting up (pg DatabaseError 57P03)',
      Object.assign(new Error('starting up'), { code: '57P03' }),
    ],
    ['a refused connection from the pool', socket('ECONNREFUSED')],
    ['a reset connection', socket('ECONNRESET')],
    ['a connection exception (SQLSTATE class 08)', Object.assign(new Error('x'), { code: '08006' })],
    [
      'a pooled client that died',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['no pooled connection in time', new Error('timeout exceeded when trying to connect')],
    ['one wrapped as a cause', new Error('outer', { cause: socket('ECONNREFUSED') })],
  ])('answers 503 database_unavailable with Retry-After for %s', (_name, error) => {
    expect(fromDatabaseUnavailable(error)).toMatchObject({
      status: 503,
      type: 'database_unavailable',
      headers: { 'Retry-After': '2' },
    });
  });

  it.each([
    ['a unique violation', known('P2002')],
    ['a missing record', known('P2025')],
    ['a query error of the server', known('P2010', adapterCause({ code: '42P01' }))],
    ['any other error', new Error('bug')],
    ['not an error', 'text'],
  ])('leaves %s to the other mappers', (_name, error) => {
    expect(fromDatabaseUnavailable(error)).toBeUndefined();
  });
});
