import { Prisma } from '@app/database';
import { ErrorMapper, httpExceptionType, internalError } from './error-response';

/** Prisma errors that mean something to the caller; every other database error is the gateway's fault. */
export const fromPrismaError: ErrorMapper = (exception) => {
  if (!(exception instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  switch (exception.code) {
    case 'P2002':
      return { status: 409, type: 'conflict', message: 'A record with these unique values already exists.' };
    case 'P2025':
      return { status: 404, type: httpExceptionType(404), message: 'The record was not found.' };
    default:
      return internalError();
  }
};
