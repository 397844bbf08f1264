import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { RequestCounters } from './counters/request-counters';
import { FaultStore } from './faults/fault-store';
import { HeldConnections } from './faults/held-connections';
import { installJsonBodyParser } from './http/json-body-parser';
import { PinoNestLogger } from './http/pino-nest-logger';
import { installRequestPipeline } from './http/request-pipeline';
import { SandboxErrorFilter } from './http/sandbox-error.filter';
import { RateLimiter } from './rate-limit/rate-limiter';
import { SandboxModule } from './sandbox.module';
import { resolveSandboxOptions, type SandboxOptions } from './sandbox-options';

export type { FaultConfig, FaultRule, SandboxOptions } from './sandbox-options';
export { DEFAULT_SANDBOX_OPTIONS, InvalidSandboxOptionError } from './sandbox-options';

export interface RunningSandbox {
  /** Base URL of the simulated API, e.g. http://127.0.0.1:4567/v1 */
  url: string;
  /** e.g. http://127.0.0.1:4567 (the control API lives under `${origin}/__sandbox`). */
  origin: string;
  token: string;
  close(): Promise<void>;
}

/** Starts one independent StreamSkill simulator (several can run in one process). */
export async function startSandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const resolved = resolveSandboxOptions(options);
  const logger = pino({ name: 'streamskill-sandbox', level: resolved.logLevel ?? 'silent' });
  const adapter = new FastifyAdapter({ loggerInstance: logger, forceCloseConnections: true });
  const app = await NestFactory.create<NestFastifyApplication>(SandboxModule.forOptions(resolved), adapter, {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  installJsonBodyParser(fastify);
  installRequestPipeline(fastify, {
    counters: app.get(RequestCounters),
    limiter: app.get(RateLimiter),
    faults: app.get(FaultStore),
    held: app.get(HeldConnections),
  });
  app.useGlobalFilters(new SandboxErrorFilter(logger));
  const held = app.get(HeldConnections);
  try {
    await app.listen(resolved.port, resolved.host);
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = fastify.server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  const origin = `http://${host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/v1`,
    origin,
    token: resolved.token,
    close: () => {
      closing ??= (async () => {
        held.releaseAll();
        await app.close();
      })();
      return closing;
    },
  };
}
