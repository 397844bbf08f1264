import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';

const FLUSH_INTERVAL_MS = 10_000;

/**
 * Last use (time, IP) of every key, kept in memory and written in one batch every few seconds, so
 * that authenticating a request never costs a database write.
 */
@Injectable()
export class KeyUsageRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(KeyUsageRecorder.name);
  private pending = new Map<string, { at: Date; ip: string | null }>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly prisma: PrismaService) {}

  record(keyId: string, ip: string | undefined, at = new Date()): void {
    this.pending.set(keyId, { at, ip: ip ?? null });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const rows = [...batch].map(([id, use]) => Prisma.sql`(${id}::uuid, ${use.at}::timestamp, ${use.ip})`);
    try {
      await this.prisma.$executeRaw`
        UPDATE api_keys AS k SET last_used_at = u.at, last_used_ip = u.ip
        FROM (VALUES ${Prisma.join(rows)}) AS u(id, at, ip)
        WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)`;
    } catch (error) {
      this.logger.warn(`Could not record key usage for ${batch.size} keys: ${(error as Error).message}`);
      for (const [id, use] of batch) if (!this.pending.has(id)) this.pending.set(id, use);
    }
  }
}
