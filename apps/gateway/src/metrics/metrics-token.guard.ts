import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../auth/auth-errors';
import { GatewayConfig } from '../config/gateway-config';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** With METRICS_TOKEN set, a scrape must send `Authorization: Bearer <token>`; without it, anyone may. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(config: GatewayConfig) {
    const { token } = config.metrics;
    if (token) this.expected = digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (presented && timingSafeEqual(digest(presented), this.expected)) return true;
    throw unauthorized();
  }
}
