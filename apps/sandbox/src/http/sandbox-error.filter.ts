import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { errorEnvelope } from '@app/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { badRequest, httpExceptionType, notFound, SandboxError } from '../common/sandbox-error';

/** Renders every error as StreamSkill's envelope `{name,message,code:0,status,type}`. */
@Catch()
export class SandboxErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return;
    const error = this.toSandboxError(exception);
    void reply
      .code(error.status)
      .header('content-type', 'application/json; charset=UTF-8')
      .send(error.envelope);
  }

  private toSandboxError(exception: unknown): SandboxError {
    if (exception instanceof SandboxError) return exception;
    if (exception instanceof HttpException) {
      if (exception.getStatus() === 404) return notFound();
      return this.generic(exception.getStatus(), exception.message);
    }
    const status = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Fastify's own client errors: unsupported media type, body too large, bad JSON...
      const message = (exception as Error).message;
      return status === 400 ? badRequest(message) : this.generic(status, message);
    }
    this.logger.error({ err: exception }, 'unhandled error');
    return this.generic(500, 'An internal server error occurred.');
  }

  private generic(status: number, message: string): SandboxError {
    return new SandboxError(errorEnvelope(status, httpExceptionType(status), message));
  }
}
