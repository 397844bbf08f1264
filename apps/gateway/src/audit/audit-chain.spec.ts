import {
  auditRowHash,
  canonicalJson,
  ChainedAuditContent,
  findChainBreak,
  GENESIS_HASH,
} from './audit-chain';

function chain(length: number) {
  const rows: (ChainedAuditContent & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= length; i++) {
    const content: ChainedAuditContent = {
      seq: BigInt(i),
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorType: 'key',
      actorId: `key-${i}`,
      actorCustomerId: null,
      customerId: 'c1',
      action: 'customer.update',
      target: 'c1',
      outcome: 'success',
      httpStatus: 200,
      requestId: `r${i}`,
      ip: '127.0.0.1',
      details: { b: 1, a: [2, { d: 3, c: 4 }] },
      prevHash,
    };
    const hash = auditRowHash(content);
    rows.push({ ...content, hash });
    prevHash = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('accepts an untouched chain', () => {
    expect(findChainBreak(chain(5))).toBeNull();
  });

  it('reports the first row whose content was altered', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], outcome: 'failure' };
    expect(findChainBreak(rows)).toEqual({ seq: '3', reason: 'hash_mismatch' });
  });

  it('reports a row rewritten with a recomputed hash by the broken link after it', () => {
    const rows = chain(5);
    const forged = { ...rows[1], actorId: 'someone-else' };
    rows[1] = { ...forged, hash: auditRowHash(forged) };
    expect(findChainBreak(rows)).toEqual({ seq: '3', reason: 'prev_hash_mismatch' });
  });

  it('reports a deleted row as a gap in the sequence', () => {
    const rows = chain(5);
    rows.splice(3, 1);
    expect(findChainBreak(rows)).toEqual({ seq: '5', reason: 'sequence_gap' });
  });

  it('hashes JSON details independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe(canonicalJson({ a: { c: 2, d: 1 }, b: 1 }));
  });
});
