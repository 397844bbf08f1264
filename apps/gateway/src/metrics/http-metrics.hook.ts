import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Histogram } from 'prom-client';
import { LATENCY_BUCKETS, MetricsRegistry } from './metrics-registry';

type HttpLabel = 'method' | 'route' | 'status_code';

/** Requests Fastify matched to no route: one series for all of them, whatever the URL. */
export const UNMATCHED_ROUTE = 'unmatched';
/** Any other method a client invents is counted as `other`, so that it cannot add series. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Latency of every answered request by method, route pattern (`/v1/purchases/:id`, never the raw
 * URL, so the series stay bounded) and status, from Fastify's onResponse hook. The histogram's
 * `_count` is the request counter. Registered by the app factory before the server is ready.
 */
@Injectable()
export class HttpMetricsHook {
  private readonly duration: Histogram<HttpLabel>;
  /** One child per label set: saves hashing the labels on every request. */
  private readonly children = new Map<string, Histogram.Internal<HttpLabel>>();

  constructor(registry: MetricsRegistry) {
    this.duration = registry.histogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: LATENCY_BUCKETS,
    });
  }

  register(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      this.observe(request, reply);
      done();
    });
  }

  private observe(request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const method = KNOWN_METHODS.has(request.method) ? request.method : 'other';
    const status = reply.statusCode;
    const key = `${method} ${status} ${route}`;
    let child = this.children.get(key);
    if (!child) {
      child = this.duration.labels({ method, route, status_code: status });
      this.children.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
  }
}
