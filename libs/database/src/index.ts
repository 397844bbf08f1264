export * from './database.module';
export * from './prisma.service';
export * from './named-statement';
export * from './connection-config';
export { Prisma } from './generated/prisma/client';
export type * from './generated/prisma/client';
export * from './embedded/embedded-postgres';
export * from './migrations';
