import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { ChainBreak, findChainBreak, GENESIS_HASH } from './audit-chain';

export interface AuditVerification {
  ok: boolean;
  checkedRows: number;
  lastSeq: string | null;
  firstBreak: ChainBreak | null;
}

const BATCH = 1000;

/** Walks the whole chain in seq order and reports the first broken link. */
@Injectable()
export class AuditVerifier {
  constructor(private readonly prisma: PrismaService) {}

  async verify(): Promise<AuditVerification> {
    let previous = { seq: 0n, hash: GENESIS_HASH };
    let checkedRows = 0;
    for (;;) {
      const rows = await this.prisma.auditLog.findMany({
        where: { seq: { gt: previous.seq } },
        orderBy: { seq: 'asc' },
        take: BATCH,
      });
      if (rows.length === 0) break;
      const firstBreak = findChainBreak(rows, previous);
      if (firstBreak) return { ok: false, checkedRows: checkedRows + rows.length, lastSeq: null, firstBreak };
      checkedRows += rows.length;
      const last = rows[rows.length - 1];
      previous = { seq: last.seq, hash: last.hash };
    }
    return { ok: true, checkedRows, lastSeq: checkedRows ? previous.seq.toString() : null, firstBreak: null };
  }
}
