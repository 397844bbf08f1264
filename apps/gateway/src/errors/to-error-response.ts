import { fromDatabaseUnavailable } from './database-unavailable.mapper';
import { ErrorMapper, ErrorResponse, internalError } from './error-response';
import { fromFastifyError } from './fastify-error.mapper';
import { fromGatewayError, fromHttpException } from './http-exception.mapper';
import { fromPrismaError } from './prisma-error.mapper';
import { fromStreamSkillError } from './streamskill-error.mapper';

/** Most specific first: a GatewayError is also an Error, a Fastify error may look like anything with a status. */
const MAPPERS: readonly ErrorMapper[] = [
  fromGatewayError,
  fromHttpException,
  fromStreamSkillError,
  fromDatabaseUnavailable,
  fromPrismaError,
  fromFastifyError,
];

export function toErrorResponse(exception: unknown): ErrorResponse {
  for (const map of MAPPERS) {
    const response = map(exception);
    if (response) return response;
  }
  return internalError();
}
