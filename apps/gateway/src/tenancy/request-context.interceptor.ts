import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { RequestContext, RequestContextData } from './request-context';
import { AUDIT_ACTION } from '../audit/audit.decorators';
import '../audit/audit-entry.factory';
import '../auth/request-auth';

/** Runs the handler inside the request context that the auth guard resolved (principal, tenant). */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    request.auditAction = this.reflector.get<string>(AUDIT_ACTION, context.getHandler());
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
