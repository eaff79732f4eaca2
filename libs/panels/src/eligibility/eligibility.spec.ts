import { EligibilityInput, evaluateEligibility } from './eligibility';

const parties: EligibilityInput['parties'] = [
  { memberId: 'm-chn', code: 'CHN', kind: 'COMPLAINANT' },
  { memberId: 'm-pak', code: 'PAK', kind: 'RESPONDENT' },
  { memberId: 'm-idn', code: 'IDN', kind: 'RESPONDENT' },
  { memberId: 'm-kaz', code: 'KAZ', kind: 'THIRD_PARTY' },
];
const person = (id: string, over: Partial<EligibilityInput['persons'][number]> = {}) => ({
  id,
  nationality: 'SGP',
  status: 'APPROVED',
  available: true,
  ...over,
});
const base = (over: Partial<EligibilityInput> = {}): EligibilityInput => ({
  parties,
  persons: [person('p1')],
  consents: [],
  disclosures: [],
  challenges: [],
  ...over,
});
const codesOf = (input: EligibilityInput, id = 'p1') =>
  evaluateEligibility(input)
    .excluded.find((e) => e.personId === id)
    ?.reasons.map((r) => r.code) ?? [];

describe('evaluateEligibility', () => {
  it('finds an approved, available national of a non-party with nothing against them eligible', () => {
    expect(evaluateEligibility(base())).toEqual({ eligible: ['p1'], excluded: [] });
  });

  it.each(['NOMINATED', 'REJECTED', 'REMOVED'])('excludes a person who is %s as NOT_APPROVED', (status) => {
    const result = evaluateEligibility(base({ persons: [person('p1', { status })] }));
    expect(result.eligible).toEqual([]);
    expect(result.excluded[0].reasons).toEqual([{ code: 'NOT_APPROVED', detail: `not on the roster (${status.toLowerCase()})` }]);
  });

  it('excludes a national of the complainant or of any respondent (DSU 8.3), naming the member', () => {
    const result = evaluateEligibility(base({ persons: [person('p1', { nationality: 'CHN' }), person('p2', { nationality: 'IDN' })] }));
    expect(result.excluded).toEqual([
      { personId: 'p1', reasons: [{ code: 'NATIONAL_OF_PARTY', detail: 'national of CHN, a party', memberCode: 'CHN' }] },
      { personId: 'p2', reasons: [{ code: 'NATIONAL_OF_PARTY', detail: 'national of IDN, a party', memberCode: 'IDN' }] },
    ]);
  });

  it('excludes a national of a third party', () => {
    const result = evaluateEligibility(base({ persons: [person('p1', { nationality: 'KAZ' })] }));
    expect(result.excluded[0].reasons).toEqual([
      { code: 'NATIONAL_OF_THIRD_PARTY', detail: 'national of KAZ, a third party', memberCode: 'KAZ' },
    ]);
  });

  it('compares nationality with the member code whatever its case', () => {
    expect(codesOf(base({ persons: [person('p1', { nationality: 'pak' })] }))).toEqual(['NATIONAL_OF_PARTY']);
  });

  it('keeps a national out while only some parties consented, and says who has not', () => {
    const input = base({
      persons: [person('p1', { nationality: 'PAK' })],
      consents: [
        { personId: 'p1', memberId: 'm-chn' },
        { personId: 'p1', memberId: 'm-pak' },
      ],
    });
    expect(evaluateEligibility(input).excluded[0].reasons).toEqual([
      { code: 'NATIONAL_OF_PARTY', detail: 'national of PAK, a party; consent still needed from IDN', memberCode: 'PAK' },
    ]);
  });

  it('lets a national serve once every party (complainant and each respondent) consented; third parties are not asked', () => {
    const consents = ['m-chn', 'm-pak', 'm-idn'].map((memberId) => ({ personId: 'p1', memberId }));
    for (const nationality of ['PAK', 'KAZ']) {
      expect(evaluateEligibility(base({ persons: [person('p1', { nationality })], consents })).eligible).toEqual(['p1']);
    }
  });

  it("counts consents per person: consent to one national does not waive another's nationality", () => {
    const consents = ['m-chn', 'm-pak', 'm-idn'].map((memberId) => ({ personId: 'p2', memberId }));
    expect(codesOf(base({ persons: [person('p1', { nationality: 'PAK' })], consents }))).toEqual(['NATIONAL_OF_PARTY']);
  });

  it.each([
    ['OPEN', 'a disclosure touching this dispute awaits decision'],
    ['UPHELD', 'a conflict of interest in this dispute was confirmed'],
  ] as const)('excludes a person with an %s disclosure touching the dispute as OPEN_CONFLICT', (status, detail) => {
    const result = evaluateEligibility(base({ disclosures: [{ personId: 'p1', status }] }));
    expect(result.excluded[0].reasons).toEqual([{ code: 'OPEN_CONFLICT', detail }]);
  });

  it('does not exclude for a cleared disclosure, and reports one OPEN_CONFLICT for several disclosures', () => {
    expect(evaluateEligibility(base({ disclosures: [{ personId: 'p1', status: 'CLEARED' }] })).eligible).toEqual(['p1']);
    const many = base({
      disclosures: [
        { personId: 'p1', status: 'OPEN' },
        { personId: 'p1', status: 'UPHELD' },
      ],
    });
    expect(evaluateEligibility(many).excluded[0].reasons).toEqual([
      { code: 'OPEN_CONFLICT', detail: 'a conflict of interest in this dispute was confirmed' },
    ]);
  });

  it('excludes an unavailable person', () => {
    expect(codesOf(base({ persons: [person('p1', { available: false })] }))).toEqual(['UNAVAILABLE']);
  });

  it('excludes a person only for an upheld challenge, naming the challenger', () => {
    const pending = base({
      challenges: [
        { personId: 'p1', status: 'PENDING', byMemberCode: 'CHN' },
        { personId: 'p1', status: 'DISMISSED', byMemberCode: 'PAK' },
      ],
    });
    expect(evaluateEligibility(pending).eligible).toEqual(['p1']);
    const upheld = base({ challenges: [{ personId: 'p1', status: 'UPHELD', byMemberCode: 'PAK' }] });
    expect(evaluateEligibility(upheld).excluded[0].reasons).toEqual([
      { code: 'SUCCESSFULLY_CHALLENGED', detail: 'challenge by PAK upheld', memberCode: 'PAK' },
    ]);
  });

  it('lists every reason, in a fixed order, and keeps the order of the persons', () => {
    const input = base({
      persons: [
        person('p1', { status: 'REMOVED', nationality: 'CHN', available: false }),
        person('p2'),
        person('p3', { nationality: 'KAZ' }),
      ],
      disclosures: [{ personId: 'p1', status: 'OPEN' }],
      challenges: [{ personId: 'p1', status: 'UPHELD', byMemberCode: 'PAK' }],
    });
    const result = evaluateEligibility(input);
    expect(result.eligible).toEqual(['p2']);
    expect(result.excluded.map((e) => e.personId)).toEqual(['p1', 'p3']);
    expect(result.excluded[0].reasons.map((r) => r.code)).toEqual([
      'NOT_APPROVED',
      'NATIONAL_OF_PARTY',
      'OPEN_CONFLICT',
      'UNAVAILABLE',
      'SUCCESSFULLY_CHALLENGED',
    ]);
  });
});
