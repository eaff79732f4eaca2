import { AuditFields, GENESIS_HASH, canonicalJson, checkLink, hashAuditRecord } from './audit-chain';

const fields = (over: Partial<AuditFields> = {}): AuditFields => ({
  id: 'a1',
  occurredAt: '2026-03-02T09:00:00.000Z',
  actorId: null,
  actorRole: null,
  operation: 'createMember',
  targetType: 'Member',
  targetId: 'm1',
  details: { code: 'KAZ', nested: { b: 1, a: [2, { d: 1, c: 2 }] } },
  prevHash: GENESIS_HASH,
  ...over,
});

describe('audit chain', () => {
  it('serialises with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":2,"f":1}]},"b":1}');
  });

  it('hashes the same record to the same value whatever the key order', () => {
    const a = fields();
    const b = { ...fields(), details: { nested: { a: [2, { c: 2, d: 1 }], b: 1 }, code: 'KAZ' } };
    expect(hashAuditRecord(a)).toBe(hashAuditRecord(b));
    expect(hashAuditRecord(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts an intact link and names a changed record or a broken link', () => {
    const first = fields();
    const stored = { ...first, seq: '1', hash: hashAuditRecord(first) };
    expect(checkLink(stored, GENESIS_HASH)).toEqual({ valid: true });
    expect(checkLink({ ...stored, operation: 'forged' }, GENESIS_HASH)).toEqual({
      valid: false,
      seq: '1',
      id: 'a1',
      reason: 'HASH_MISMATCH',
    });
    expect(checkLink(stored, 'f'.repeat(64))).toEqual({ valid: false, seq: '1', id: 'a1', reason: 'BROKEN_LINK' });
  });
});
