import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI insists on a native schema engine that cannot be downloaded here; `generate` never
// uses it, so point it at a stub. Migrations run through the WASM engine (scripts/migrate.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, 'prisma', 'schema-engine-offline.sh');

export default defineConfig({
  schema: path.join(__dirname, 'prisma', 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'prisma', 'migrations') },
});
