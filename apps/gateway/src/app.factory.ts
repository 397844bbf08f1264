import { RequestMethod, type ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { AuditHook } from './audit/audit-hook';
import { loadGatewayConfig } from './config/load-gateway-config';
import { fastifyOptions } from './http/fastify-options';
import { RequestLogHook } from './logging/request-log.hook';
import { HttpMetricsHook } from './metrics/http-metrics.hook';
import { METRICS_PATH } from './metrics/metrics.controller';
import { registerJsonBodyParser } from './http/json-body-parser';
import { refuseNulInUrl } from './http/nul-in-url';
import { serveOpenApiDocs } from './http/openapi';
import { registerRequestContext } from './tenancy/request-context.hook';
import { applyHttpPolicies } from './http/http-policies';

export const GLOBAL_PREFIX = 'v1';

export interface GatewayAppOverrides {
  /** Where the JSON logs go instead of stdout (tests capture them). */
  logDestination?: DestinationStream;
  /** Extra modules mounted in the application, e.g. a test-only controller. */
  imports?: ModuleMetadata['imports'];
}

/**
 * Builds and initialises the gateway without listening. Throws InvalidSettingError when a setting
 * is bad; main.ts turns that into one line on stderr.
 */
export async function createGatewayApp(
  env: NodeJS.ProcessEnv,
  overrides: GatewayAppOverrides = {},
): Promise<NestFastifyApplication> {
  const config = loadGatewayConfig(env);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, logDestination: overrides.logDestination, imports: overrides.imports }),
    new FastifyAdapter(fastifyOptions(config.http)),
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: [{ path: METRICS_PATH, method: RequestMethod.GET }] });
  registerJsonBodyParser(app, config.http.bodyLimitBytes);
  await applyHttpPolicies(app, config.http);
  serveOpenApiDocs(app);
  registerRequestContext(app.getHttpAdapter().getInstance());
  // After the hooks that set the security headers and the request context: its 400 gets them too.
  refuseNulInUrl(app.getHttpAdapter().getInstance());
  app.get(AuditHook).register(app.getHttpAdapter().getInstance());
  app.get(HttpMetricsHook).register(app.getHttpAdapter().getInstance());
  app.get(RequestLogHook).register(app.getHttpAdapter().getInstance());
  await app.init();
  return app;
}
