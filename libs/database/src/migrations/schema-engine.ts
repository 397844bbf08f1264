import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { poolConfigFromUrl } from '../connection-config';

const PG_CHAR_OID = 18;
const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

/**
 * The schema engine reads pg_catalog columns of types "char" and name, which adapter-pg cannot
 * deserialize. Their values already arrive as strings, so relabelling the field type is enough.
 */
class CatalogFriendlyClient extends pg.Client {
  // pg's overloaded query signature cannot be expressed without any.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const callback = args[args.length - 1];
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: Error | null, result: { fields?: { dataTypeID: number }[] }) =>
        callback(error, result && relabelCatalogFields(result));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as (...a: any[]) => any)(...args);
    if (result && typeof result.then === 'function') return result.then(relabelCatalogFields);
    return result;
  }
}

function relabelCatalogFields<T extends { fields?: { dataTypeID: number }[] }>(result: T): T {
  for (const field of result?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID || field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

/** adapter-pg splits scripts on ";", which breaks $$ function bodies: send each script whole. */
function sendScriptsWhole<T extends { executeScript(script: string): Promise<void> }>(adapter: T): T {
  const pool = (adapter as unknown as { underlyingDriver(): pg.Pool }).underlyingDriver();
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

class WholeScriptPrismaPg extends PrismaPg {
  readonly opened: { dispose(): Promise<void> }[] = [];

  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  override async connect() {
    return this.track(sendScriptsWhole(await super.connect()));
  }

  // adapter-pg drops the shadow database before closing its pool, which PostgreSQL refuses.
  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = sendScriptsWhole(await new PrismaPg({ ...this.poolConfig, database }).connect());
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
    };
    return shadow;
  }
  private track<T extends { dispose(): Promise<void> }>(adapter: T): T {
    this.opened.push(adapter);
    return adapter;
  }
}

declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: object } }>;
};

type WasmGlue = typeof import('@prisma/schema-engine-wasm') & { __wbg_set_wasm(exports: unknown): void };

// The package is ESM-only; a real dynamic import survives TypeScript's CommonJS output this way.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

let gluePromise: Promise<WasmGlue> | undefined;

/** The engine reports a Rust panic's message through this global before it aborts. */
export const panicRegistry = {
  message: '',
  set_message(message: string) {
    panicRegistry.message = message;
  },
};

async function loadWasmGlue(): Promise<WasmGlue> {
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;
  const packageDir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
  const glue = (await importEsm(path.join(packageDir, 'schema_engine_bg.js'))) as WasmGlue;
  const bytes = fs.readFileSync(path.join(packageDir, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, {
    './schema_engine_bg.js': glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return glue;
}

export interface EngineHandle {
  engine: SchemaEngine;
  dispose(): Promise<void>;
  logs: string[];
}

/** Prisma's own schema engine, compiled to WebAssembly, talking to PostgreSQL through adapter-pg. */
export async function openSchemaEngine(databaseUrl: string, datamodel: string): Promise<EngineHandle> {
  gluePromise ??= loadWasmGlue();
  const glue = await gluePromise;
  const factory = new WholeScriptPrismaPg(
    poolConfigFromUrl(databaseUrl, { Client: CatalogFriendlyClient, max: 2 }),
  );
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const logs: string[] = [];
  const engine = await glue.SchemaEngine.new(
    { datamodels: [['schema.prisma', datamodel]] },
    (line: string) => logs.push(line),
    adapter,
  );
  return {
    engine,
    dispose: async () => {
      engine.free();
      // The engine leaves an advisory-lock timer behind; closing the pools lets the process exit.
      await Promise.allSettled(factory.opened.map((opened) => opened.dispose()));
    },
    logs,
  };
}
