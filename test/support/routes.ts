import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GLOBAL_PREFIX } from '../../apps/gateway/src/app.factory';
import { AUDIT_ACTION } from '../../apps/gateway/src/audit/audit.decorators';
import { PUBLIC_ROUTE, REQUIRED_SCOPES } from '../../apps/gateway/src/auth/auth.decorators';
import type { GatewayScope } from '../../apps/gateway/src/auth/scopes';

export type RouteKind = 'public' | 'admin' | 'customer';

export interface RegisteredRoute {
  method: string;
  /** Fastify's pattern, with the global prefix: `/v1/admin/customers/:id`. */
  path: string;
  kind: RouteKind;
  scopes: GatewayScope[];
  /** Names of the path parameters, in order. */
  params: string[];
  /** The @AuditAction name, if the route declares one. */
  auditAction?: string;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every route the Nest router registered in this application, read from the controllers' metadata
 * and checked against Fastify's route table, so that suites iterating over it also cover routes
 * that are added later (purchases, ledger, tariffs...).
 */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = new MetadataScanner();
  const fastify = app.getHttpAdapter().getInstance();
  const routes: RegisteredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { metatype, instance } = wrapper;
    if (!metatype || !instance) continue;
    const controllerPaths = asArray(Reflect.getMetadata(PATH_METADATA, metatype));
    const prototype = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler);
      if (methodPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const isPublic =
        Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, metatype) ?? false;
      const scopes: GatewayScope[] =
        Reflect.getMetadata(REQUIRED_SCOPES, handler) ?? Reflect.getMetadata(REQUIRED_SCOPES, metatype) ?? [];
      for (const controllerPath of controllerPaths) {
        for (const suffix of asArray(methodPath)) {
          // A few routes (GET /metrics) are excluded from the global prefix.
          const prefixed = joinPath(GLOBAL_PREFIX, controllerPath, suffix);
          const unprefixed = joinPath('', controllerPath, suffix);
          const served = (url: string) => fastify.hasRoute({ method: method as 'GET', url });
          const path = !served(prefixed) && served(unprefixed) ? unprefixed : prefixed;
          if (!served(path)) {
            throw new Error(
              `${method} ${path} is declared by ${metatype.name} but Fastify does not serve it`,
            );
          }
          routes.push({
            method,
            path,
            kind: isPublic ? 'public' : scopes.includes('admin') ? 'admin' : 'customer',
            scopes,
            params: [...path.matchAll(/:(\w+)/g)].map((match) => match[1]),
            auditAction: Reflect.getMetadata(AUDIT_ACTION, handler),
          });
        }
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

export const isMutating = (route: RegisteredRoute) => MUTATING.has(route.method);

/** The route's path with each parameter replaced by `values[name]` (or `fallback`). */
export function fillPath(route: RegisteredRoute, values: Record<string, string>, fallback = '1'): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? fallback));
}

function asArray(value: unknown): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? value : [String(value)];
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}
