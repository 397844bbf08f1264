import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { RequestContext, RequestContextData } from './request-context';
import '../auth/request-auth';

/** Runs the handler inside the request context that the auth guard resolved (principal, tenant). */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const data: RequestContextData = {
      requestId: String(request.id),
      ip: request.ip,
      principal: request.principal,
      tenantId: request.tenantId,
    };
    request.context = data;
    return new Observable((subscriber) =>
      RequestContext.run(data, () => next.handle().subscribe(subscriber)),
    );
  }
}
