import fs from 'node:fs';
import path from 'node:path';
import type { DiagnoseMigrationHistoryOutput } from '@prisma/schema-engine-wasm';
import { openSchemaEngine, EngineHandle } from './schema-engine';
import { readMigrationList, writeMigration } from './migration-files';

export interface MigrationPaths {
  schemaPath: string;
  migrationsDir: string;
}

/** Where the repository keeps its schema, from the compiled or the source tree alike. */
export function defaultMigrationPaths(): MigrationPaths {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'prisma', 'schema.prisma'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('prisma/schema.prisma not found above ' + __dirname);
    dir = parent;
  }
  return {
    schemaPath: path.join(dir, 'prisma', 'schema.prisma'),
    migrationsDir: path.join(dir, 'prisma', 'migrations'),
  };
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

async function withEngine<T>(
  url: string,
  paths: MigrationPaths,
  run: (h: EngineHandle) => Promise<T>,
): Promise<T> {
  const handle = await openSchemaEngine(url, fs.readFileSync(paths.schemaPath, 'utf8'));
  try {
    return await run(handle);
  } catch (error) {
    throw describeEngineError(error, handle.logs);
  } finally {
    await handle.dispose();
  }
}

function describeEngineError(error: unknown, logs: string[]): Error {
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  const detail = logs
    .filter((line) => /error/i.test(line))
    .slice(-3)
    .join('\n');
  return new Error(detail ? `${message}\n${detail}` : message);
}

export async function deployMigrations(url: string, paths = defaultMigrationPaths()): Promise<string[]> {
  return withEngine(url, paths, async ({ engine }) => {
    const output = await engine.applyMigrations({
      migrationsList: readMigrationList(paths.migrationsDir),
      filters: NO_FILTER,
    });
    return output.appliedMigrationNames;
  });
}

export async function migrationStatus(
  url: string,
  paths = defaultMigrationPaths(),
): Promise<DiagnoseMigrationHistoryOutput> {
  return withEngine(url, paths, ({ engine }) =>
    engine.diagnoseMigrationHistory({
      migrationsList: readMigrationList(paths.migrationsDir),
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    }),
  );
}

/** SQL that takes the migrations folder to schema.prisma; empty when they agree. Needs CREATEDB (shadow database). */
export async function pendingSchemaChanges(url: string, paths = defaultMigrationPaths()): Promise<string> {
  return withEngine(url, paths, async ({ engine }) => {
    const migrations = readMigrationList(paths.migrationsDir);
    const from = migrations.migrationDirectories.length
      ? { tag: 'migrations' as const, ...migrations }
      : { tag: 'empty' as const };
    const schema = fs.readFileSync(paths.schemaPath, 'utf8');
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: paths.schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return isEmptyScript(result.stdout ?? '') ? '' : (result.stdout ?? '');
  });
}

function isEmptyScript(sql: string): boolean {
  return sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}

export async function createMigration(
  url: string,
  name: string,
  paths = defaultMigrationPaths(),
): Promise<string | null> {
  const sql = await pendingSchemaChanges(url, paths);
  if (!sql) return null;
  return writeMigration(paths.migrationsDir, name, sql);
}
