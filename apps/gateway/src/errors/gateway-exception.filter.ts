import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { errorEnvelope } from '@app/common';
import { toErrorResponse } from './to-error-response';

/**
 * The one place an exception becomes an HTTP answer: StreamSkill's envelope plus the request id.
 * It also receives Fastify's own errors (body parsing, 404) because Nest routes those here too.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  constructor(@InjectPinoLogger(GatewayExceptionFilter.name) private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const response = toErrorResponse(exception);

    if (response.logged) {
      this.logger.error({ err: exception, status: response.status, type: response.type }, 'Request failed');
    }
    if (reply.sent) return;

    const body = errorEnvelope(response.status, response.type, response.message, {
      name: response.name,
      errors: response.errors,
      requestId: request.id,
    });
    void reply
      .headers(response.headers ?? {})
      .status(response.status)
      .send(body);
  }
}
