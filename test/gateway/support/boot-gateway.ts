import type { ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createGatewayApp } from '../../../apps/gateway/src/app.factory';
import { gatewayTestEnv } from './gateway-test-env';
import { LogCapture } from './log-capture';

export interface BootedGateway {
  app: NestFastifyApplication;
  logs: LogCapture;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** The real application, in process, logging into memory; requests go through Fastify's inject. */
export async function bootGateway(
  options: { env?: NodeJS.ProcessEnv; imports?: ModuleMetadata['imports'] } = {},
): Promise<BootedGateway> {
  const logs = new LogCapture();
  const app = await createGatewayApp(gatewayTestEnv(options.env), {
    logDestination: logs,
    imports: options.imports,
  });
  const fastify = app.getHttpAdapter().getInstance();
  return { app, logs, inject: (request) => fastify.inject(request) };
}
