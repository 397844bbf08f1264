import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { PrismaService } from '@app/database';
import { Principal } from '../tenancy/request-context';
import { GatewayError } from '../errors/gateway-error';
import { parseApiKey } from './api-key-format';
import { forbidden, unauthorized } from './auth-errors';
import { AUTH_RATE_LIMITER, AuthRateLimiter } from './auth-rate-limiter';
import { PUBLIC_ROUTE, REQUIRED_SCOPES } from './auth.decorators';
import { KeyUsageRecorder } from './key-usage.recorder';
import { KeyVerifier } from './key-verifier.service';
import { GatewayScope } from './scopes';
import './request-auth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RouteAuth {
  isPublic: boolean;
  required: readonly GatewayScope[];
}

/** Authenticates every route that is not @Public and decides which customer the request acts for. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  /** What each handler's decorators ask for: read once per route, not on every request. */
  private readonly routes = new WeakMap<object, RouteAuth>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: KeyVerifier,
    private readonly usage: KeyUsageRecorder,
    private readonly prisma: PrismaService,
    @Optional() @Inject(AUTH_RATE_LIMITER) private readonly rateLimiter?: AuthRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, required } = this.routeAuth(context);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();

    const presented = bearerToken(request.headers.authorization);
    const publicId = presented ? (parseApiKey(presented)?.publicId ?? null) : null;
    this.rateLimiter?.beforeVerification(context, publicId);
    if (!presented) {
      request.authFailure = { reason: 'missing' };
      return this.unauthenticated(context);
    }
    const result = await this.verifier.verify(presented, request.ip);
    if (!result.ok) {
      request.authFailure = { reason: result.reason, keyId: result.keyId, customerId: result.customerId };
      if (result.reason === 'suspended') throw forbidden('This customer account is suspended.');
      if (result.reason === 'ip_not_allowed') throw forbidden('This key may not be used from this address.');
      return this.unauthenticated(context);
    }
    const key = result.key;
    this.usage.record(key.id, request.ip);
    const principal: Principal = {
      keyId: key.id,
      customerId: key.customerId,
      scopes: key.scopes,
      // Admin keys belong to no customer; a customer key never acts as an admin, whatever its row says.
      isAdmin: key.customerId === null && key.scopes.includes('admin'),
    };
    request.principal = principal;
    await this.rateLimiter?.afterSuccess(context, publicId);

    if (required.includes('admin')) {
      if (!principal.isAdmin) return this.deny(request, 'scope', 'This route needs an admin key.');
      return true;
    }
    request.tenantId = await this.tenantFor(request, principal);
    const missing = principal.isAdmin ? [] : required.filter((scope) => !principal.scopes.includes(scope));
    if (missing.length) return this.deny(request, 'scope', `This key lacks the scope ${missing.join(', ')}.`);
    return true;
  }

  private routeAuth(context: ExecutionContext): RouteAuth {
    const handler = context.getHandler();
    let route = this.routes.get(handler);
    if (!route) {
      const targets = [handler, context.getClass()];
      route = {
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true,
        required: this.reflector.getAllAndOverride<GatewayScope[]>(REQUIRED_SCOPES, targets) ?? [],
      };
      this.routes.set(handler, route);
    }
    return route;
  }

  /** Every 401 counts towards its IP's limit on failed authentications (429 once past it). */
  private async unauthenticated(context: ExecutionContext): Promise<never> {
    await this.rateLimiter?.afterFailure(context);
    throw unauthorized();
  }

  private async tenantFor(request: FastifyRequest, principal: Principal): Promise<string> {
    const onBehalfOf = request.headers['on-behalf-of'];
    if (!principal.isAdmin) {
      if (onBehalfOf !== undefined)
        return this.deny(request, 'on_behalf_of', 'Only admin keys may send On-Behalf-Of.');
      return principal.customerId as string;
    }
    if (typeof onBehalfOf !== 'string' || onBehalfOf === '') {
      throw new GatewayError(
        400,
        'bad_request_http_exception',
        'Admin keys must name a customer in On-Behalf-Of.',
      );
    }
    const exists =
      UUID.test(onBehalfOf) && (await this.prisma.customer.count({ where: { id: onBehalfOf } })) > 0;
    if (!exists)
      throw new GatewayError(404, 'not_found_http_exception', 'The On-Behalf-Of customer does not exist.');
    return onBehalfOf;
  }

  private deny(request: FastifyRequest, reason: 'scope' | 'on_behalf_of', message: string): never {
    request.authFailure = {
      reason,
      keyId: request.principal?.keyId,
      customerId: request.principal?.customerId,
    };
    throw forbidden(message);
  }
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
