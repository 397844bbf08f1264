import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SandboxControl } from '@app/sandbox/control/sandbox-control';
import { startSandbox, RunningSandbox } from '@app/sandbox/sandbox';
import { createGatewayApp } from '../../apps/gateway/src/app.factory';
import { ApiKeysService } from '../../apps/gateway/src/api-keys/api-keys.service';
import { createTestDatabase, gatewayDatabaseSettings } from './test-database';

export const TEST_PEPPER = 'test-pepper-0123456789abcdef0123456789abcdef';

export const UNREACHABLE_RATE_LIMITS: NodeJS.ProcessEnv = {
  RATE_LIMIT_DEFAULT_BURST: '1000000',
  RATE_LIMIT_DEFAULT_PER_MINUTE: '60000000',
  RATE_LIMIT_ADMIN_BURST: '1000000',
  RATE_LIMIT_ADMIN_PER_MINUTE: '60000000',
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '1000000',
};

/** The outbound budget in front of a sandbox that enforces no rate limit: never waited for. */
export const UNLIMITED_UPSTREAM_BUDGET: NodeJS.ProcessEnv = {
  UPSTREAM_BUDGET_BURST: '10000',
  UPSTREAM_BUDGET_PER_SECOND: '100',
  UPSTREAM_BUDGET_PER_CUSTOMER_BURST: '10000',
  UPSTREAM_BUDGET_PER_CUSTOMER_PER_SECOND: '100',
};

export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  key?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A gateway listening on a loopback port, over a fresh test database and a sandbox upstream. */
export interface GatewayHarness {
  app: NestFastifyApplication;
  url: string;
  databaseUrl: string;
  sandbox: RunningSandbox;
  adminKey: string;
  logs: string[];
  env: NodeJS.ProcessEnv;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<HttpAnswer<T>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: NodeJS.ProcessEnv;
  databaseUrl?: string;
  sandbox?: RunningSandbox;
}

export async function startGateway(options: HarnessOptions = {}): Promise<GatewayHarness> {
  const sandbox = options.sandbox ?? (await startSandbox({ port: 0, rateLimit: false }));
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase()).url;
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: databaseUrl,
    ...gatewayDatabaseSettings(),
    STREAMSKILL_API_TOKEN: sandbox.token,
    STREAMSKILL_BASE_URL: sandbox.url,
    GATEWAY_KEY_PEPPER: TEST_PEPPER,
    LOG_LEVEL: 'info',
    // Suites about other features must never meet a rate limit; test/rate-limit sets its own.
    ...UNREACHABLE_RATE_LIMITS,
    // The outbound budget mirrors the sandbox: none when it has no rate limit (test/upstream-budget).
    ...((await new SandboxControl(sandbox).state()).rateLimit ? {} : UNLIMITED_UPSTREAM_BUDGET),
    ...options.env,
  };
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  let app: NestFastifyApplication;
  try {
    app = await createGatewayApp(env, { logDestination });
  } catch (error) {
    // A gateway that refuses to boot must not leave the sandbox it was given running.
    if (!options.sandbox) await sandbox.close();
    throw error;
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const adminKey = (await app.get(ApiKeysService).issueAdminKey('test admin')).key;

  const call = async <T>(method: string, path: string, { key, body, headers = {} }: CallOptions = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  };

  return {
    app,
    url,
    databaseUrl,
    sandbox,
    adminKey,
    logs,
    env,
    call,
    close: async () => {
      await app.close();
      if (!options.sandbox) await sandbox.close();
    },
  };
}
