import { MemberEntity, UserEntity } from '@app/core';
import { EligibilityService } from '@app/panels';
import { createMember, createUser } from '../utils/factories';
import { TAKE_ACTION, meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($r: [String!]!, $title: String!) { requestConsultations(input: { respondents: $r, title: $title,
  measures: ["M"], legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`;
const ACT = `mutation($id: ID!, $action: ProcedureAction!) { takeAction(input: { disputeId: $id, action: $action }) { stage } }`;
const DECLARE = `mutation($input: DeclareDisclosureInput!) { declareDisclosure(input: $input) { id status kind text dispute { id } person { id } } }`;
const DECIDE_DISCLOSURE = `mutation($id: ID!, $upheld: Boolean!, $reason: String!) { decideDisclosure(id: $id, upheld: $upheld, reason: $reason) { id status decisionReason } }`;
const DISCLOSURES = `query($personId: ID!) { disclosures(personId: $personId, first: 100) { nodes { id text } } }`;
const CONSENT = `mutation($disputeId: ID!, $personId: ID!) { consentToNational(disputeId: $disputeId, personId: $personId) {
  person { id } consentedBy { code } pendingFrom { code } waived } }`;
const CHALLENGE = `mutation($disputeId: ID!, $personId: ID!, $grounds: String!) { challengeCandidate(disputeId: $disputeId, personId: $personId, grounds: $grounds) {
  id status grounds by { code } person { id } dispute { id } } }`;
const DECIDE_CHALLENGE = `mutation($id: ID!, $upheld: Boolean!, $reasons: String!) { decideChallenge(id: $id, upheld: $upheld, reasons: $reasons) { id status reasons } }`;
const REPORT = `query($disputeId: ID!) { eligibleCandidates(disputeId: $disputeId) {
  eligible { id name } excluded { person { id name } reasons { code detail memberCode } } } }`;

type Who = 'anonymous' | 'SEC' | 'CHN' | 'PAK' | 'KAZ' | 'IDN' | 'panelist' | 'otherPanelist';
type Code = { code: string; detail: string; memberCode: string | null };

describe('eligibility of candidates for a panel: disclosures, nationality, challenges', () => {
  let t: TestApp;
  const users = {} as Record<Exclude<Who, 'anonymous'>, UserEntity>;
  const members = {} as Record<string, MemberEntity>;
  const person = {} as Record<string, string>;
  const tok = (who: Who) => (who === 'anonymous' ? undefined : t.tokenFor(users[who]));
  let disputeId: string;
  let consultations: string;

  const ok = async (query: string, variables: Record<string, unknown>, who: Who) => {
    const res = await t.gql(query, variables, tok(who));
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const errorOf = async (query: string, variables: Record<string, unknown>, who: Who) => {
    const res = await t.gql(query, variables, tok(who));
    expect(res.errors).toBeDefined();
    return res.errors![0];
  };
  const addPerson = async (key: string, nationality: string, approve = true) => {
    const { nominateRosterPerson } = await ok(
      `mutation($input: NominateRosterPersonInput!) { nominateRosterPerson(input: $input) { id } }`,
      { input: { name: `Person ${key}`, nationality, expertise: ['Trade'], languages: ['English'] } },
      'IDN',
    );
    person[key] = nominateRosterPerson.id;
    if (approve) await ok(`mutation($id: ID!) { decideNomination(id: $id, approve: true) { id } }`, { id: person[key] }, 'SEC');
  };
  const report = async (who: Who = 'SEC') =>
    (await ok(REPORT, { disputeId }, who)).eligibleCandidates as {
      eligible: { id: string }[];
      excluded: { person: { id: string }; reasons: Code[] }[];
    };
  const reasonsOf = async (key: string) => (await report()).excluded.find((e) => e.person.id === person[key])?.reasons ?? [];
  const lastDocket = async (id = disputeId) =>
    (await t.db.query('SELECT kind, text, actor_role FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1', [id]))[0];
  const audits = async () => (await t.db.query('SELECT count(*)::int AS n FROM audit_log'))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
      ['KAZ', 'Kazakhstan'],
      ['IDN', 'Indonesia'],
    ]) {
      members[code] = await createMember(t.db, { code, name });
      users[code as 'CHN'] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    users.panelist = await createUser(t.db, { role: 'PANELIST' });
    users.otherPanelist = await createUser(t.db, { role: 'PANELIST' });

    disputeId = (await ok(FILE, { r: ['PAK'], title: 'Steel' }, 'CHN')).requestConsultations.id;
    await ok(ACT, { id: disputeId, action: 'joinAsThirdParty' }, 'KAZ');
    consultations = (await ok(FILE, { r: ['PAK'], title: 'Still consulting' }, 'CHN')).requestConsultations.id;

    for (const [key, nationality] of [
      ['eligible', 'SGP'],
      ['pak', 'PAK'],
      ['chn', 'CHN'],
      ['kaz', 'KAZ'],
      ['conflict', 'SGP'],
      ['upheld', 'SGP'],
      ['cleared', 'SGP'],
      ['unavailable', 'SGP'],
      ['challenged', 'SGP'],
      ['dismissed', 'SGP'],
      ['removed', 'SGP'],
    ]) {
      await addPerson(key, nationality);
    }
    await addPerson('nominated', 'SGP', false);
    await ok(
      `mutation($p: ID!, $u: ID!) { linkPanelistUser(personId: $p, userId: $u) { id } }`,
      { p: person.conflict, u: users.panelist.id },
      'SEC',
    );
    await ok(`mutation($p: ID!) { setAvailability(personId: $p, available: false) { id } }`, { p: person.unavailable }, 'SEC');
  });
  afterAll(() => t.close());

  describe('disclosures (Rules of Conduct WT/DSB/RC/1)', () => {
    let disclosureId: string;

    it('the person declares an interest touching the dispute; the public docket says so without its content', async () => {
      const before = await audits();
      const { declareDisclosure } = await ok(
        DECLARE,
        { input: { personId: person.conflict, kind: 'FINANCIAL', text: 'Shares in Pak Steel Ltd', disputeId } },
        'panelist',
      );
      expect(declareDisclosure).toMatchObject({
        status: 'OPEN',
        kind: 'FINANCIAL',
        dispute: { id: disputeId },
        person: { id: person.conflict },
      });
      disclosureId = declareDisclosure.id;
      expect(await audits()).toBe(before + 1);
      const entry = await lastDocket();
      expect(entry).toMatchObject({
        kind: 'declareDisclosure',
        text: expect.stringContaining('A candidate disclosed an interest touching this dispute'),
      });
      expect(entry.text).not.toContain('Pak Steel');
      // An interest touching no dispute: on the record, not on any docket.
      await ok(DECLARE, { input: { personId: person.conflict, kind: 'EMPLOYMENT', text: 'Professor at NUS' } }, 'panelist');
    });

    it.each([
      ['another panelist', 'otherPanelist', 'FORBIDDEN'],
      ['a party delegate', 'CHN', 'FORBIDDEN'],
      ['anyone signed out', 'anonymous', 'UNAUTHENTICATED'],
    ] as const)('refuses a declaration by %s', async (_what, who, code) => {
      const error = await errorOf(DECLARE, { input: { personId: person.conflict, kind: 'FAMILY', text: 'x', disputeId } }, who);
      expect(error.extensions.code).toBe(code);
    });

    it('refuses a declaration naming no real dispute', async () => {
      const error = await errorOf(DECLARE, { input: { personId: person.conflict, kind: 'FAMILY', text: 'x', disputeId: 'DS1' } }, 'SEC');
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.disputeId' });
    });

    it('the secretariat declares for a person, and decides: cleared, upheld; a decision is final', async () => {
      const cleared = (
        await ok(DECLARE, { input: { personId: person.cleared, kind: 'PROFESSIONAL', text: 'Advised CHN in 2010', disputeId } }, 'SEC')
      ).declareDisclosure;
      const upheld = (
        await ok(DECLARE, { input: { personId: person.upheld, kind: 'PUBLIC_STATEMENT', text: 'Op-ed on this measure', disputeId } }, 'SEC')
      ).declareDisclosure;
      for (const who of ['CHN', 'panelist'] as const) {
        expect((await errorOf(DECIDE_DISCLOSURE, { id: cleared.id, upheld: false, reason: 'r' }, who)).extensions.code).toBe('FORBIDDEN');
      }
      expect((await ok(DECIDE_DISCLOSURE, { id: cleared.id, upheld: false, reason: 'Too remote' }, 'SEC')).decideDisclosure.status).toBe(
        'CLEARED',
      );
      expect(
        (await ok(DECIDE_DISCLOSURE, { id: upheld.id, upheld: true, reason: 'Op-ed on this measure shows prejudgment' }, 'SEC'))
          .decideDisclosure.status,
      ).toBe('UPHELD');
      const entry = await lastDocket();
      expect(entry.kind).toBe('decideDisclosure');
      expect(entry.text).toMatch(/^The secretariat decided/);
      expect(entry.text).not.toContain('Op-ed');
      const again = await errorOf(DECIDE_DISCLOSURE, { id: upheld.id, upheld: false, reason: 'r' }, 'SEC');
      expect(again.extensions.code).toBe('INVALID_TRANSITION');
    });

    it.each([
      ['the secretariat', 'SEC', 2],
      ['the person', 'panelist', 2],
      ['the complainant', 'CHN', 1],
      ['the respondent', 'PAK', 1],
      ['a third party', 'KAZ', 0],
      ['a member outside the dispute', 'IDN', 0],
    ] as const)('%s sees %i of the disclosures', async (_what, who, count) => {
      const nodes = (await ok(DISCLOSURES, { personId: person.conflict }, who)).disclosures.nodes;
      expect(nodes.length).toBe(count);
      if (count === 1) expect(nodes[0].id).toBe(disclosureId);
    });

    it('another panelist and the public see no disclosure', async () => {
      expect((await errorOf(DISCLOSURES, { personId: person.conflict }, 'otherPanelist')).extensions.code).toBe('FORBIDDEN');
      expect((await errorOf(DISCLOSURES, { personId: person.conflict }, 'anonymous')).extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('nationality consents (DSU 8.3)', () => {
    it.each([
      ['a third party', 'KAZ', 'FORBIDDEN'],
      ['a member outside the dispute', 'IDN', 'FORBIDDEN'],
      ['the secretariat', 'SEC', 'FORBIDDEN'],
      ['a panelist', 'panelist', 'FORBIDDEN'],
    ] as const)('refuses consent by %s', async (_what, who, code) => {
      expect((await errorOf(CONSENT, { disputeId, personId: person.pak }, who)).extensions.code).toBe(code);
    });

    it('refuses consent to a person who is not a national of a party or third party', async () => {
      const error = await errorOf(CONSENT, { disputeId, personId: person.eligible }, 'CHN');
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId', domainCode: 'NOT_A_NATIONAL' });
    });

    it('waives nationality once every party agreed, not before; each party once', async () => {
      const first = (await ok(CONSENT, { disputeId, personId: person.pak }, 'CHN')).consentToNational;
      expect(first).toEqual({ person: { id: person.pak }, consentedBy: [{ code: 'CHN' }], pendingFrom: [{ code: 'PAK' }], waived: false });
      expect((await reasonsOf('pak')).map((r) => r.code)).toEqual(['NATIONAL_OF_PARTY']);
      expect((await errorOf(CONSENT, { disputeId, personId: person.pak }, 'CHN')).extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'personId',
      });
      const second = (await ok(CONSENT, { disputeId, personId: person.pak }, 'PAK')).consentToNational;
      expect(second).toMatchObject({ pendingFrom: [], waived: true });
      expect(await lastDocket()).toMatchObject({
        kind: 'consentToNational',
        actor_role: 'RESPONDENT',
        text: expect.stringContaining('All parties have now agreed'),
      });
      expect((await report()).eligible.map((p) => p.id)).toContain(person.pak);
      // Consent by one party only leaves the national out, and says who has not agreed.
      await ok(CONSENT, { disputeId, personId: person.chn }, 'CHN');
    });
  });

  describe('challenges for cause (DSU 8.6)', () => {
    let challengeId: string;

    it('refuses a challenge before the panel is established', async () => {
      const error = await errorOf(CHALLENGE, { disputeId: consultations, personId: person.challenged, grounds: 'Bias' }, 'CHN');
      expect(error.extensions.code).toBe('INVALID_TRANSITION');
    });

    it('establishes the panel (early request agreed, requested, established)', async () => {
      await ok(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, 'CHN');
      await ok(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, 'PAK');
      await ok(ACT, { id: disputeId, action: 'requestPanel' }, 'CHN');
      // No challenge while the request waits for the body.
      expect((await errorOf(CHALLENGE, { disputeId, personId: person.challenged, grounds: 'Bias' }, 'CHN')).extensions.domainCode).toBe(
        'PANEL_NOT_ESTABLISHED',
      );
      // The body's meeting 11 days after the request (PANEL_REQUEST_NOTICE) establishes the panel.
      t.clock.set('2026-03-13T09:00:00Z');
      const meetingId = await meetingToday(t);
      expect((await ok(TAKE_ACTION, { id: disputeId, action: 'establishPanel', meetingId }, 'SEC')).takeAction.stage).toBe(
        'PANEL_ESTABLISHED',
      );
      // Kazakhstan notifies its interest within 10 days (DSU 10.2): its nationals may not serve (DSU 8.3).
      await ok(ACT, { id: disputeId, action: 'joinPanelAsThirdParty' }, 'KAZ');
      const rows = await t.db.query(
        `SELECT due_date::text AS due, status FROM deadlines WHERE dispute_id = $1 AND rule = 'CANDIDATE_CHALLENGES'`,
        [disputeId],
      );
      expect(rows).toEqual([{ due: '2026-03-28', status: 'OPEN' }]);
    });

    it.each([
      ['a third party', 'KAZ', 'FORBIDDEN'],
      ['a member outside the dispute', 'IDN', 'FORBIDDEN'],
      ['the secretariat', 'SEC', 'FORBIDDEN'],
      ['a panelist', 'panelist', 'FORBIDDEN'],
    ] as const)('refuses a challenge by %s', async (_what, who, code) => {
      expect((await errorOf(CHALLENGE, { disputeId, personId: person.challenged, grounds: 'Bias' }, who)).extensions.code).toBe(code);
    });

    it('a party challenges a candidate; the docket records it without the grounds; one pending challenge per member', async () => {
      const res = (
        await ok(CHALLENGE, { disputeId, personId: person.challenged, grounds: 'Advised the respondent on this measure' }, 'CHN')
      ).challengeCandidate;
      expect(res).toMatchObject({ status: 'PENDING', by: { code: 'CHN' }, person: { id: person.challenged }, dispute: { id: disputeId } });
      challengeId = res.id;
      const entry = await lastDocket();
      expect(entry).toMatchObject({
        kind: 'challengeCandidate',
        actor_role: 'COMPLAINANT',
        text: 'China challenged a candidate for cause (DSU 8.6).',
      });
      const dup = await errorOf(CHALLENGE, { disputeId, personId: person.challenged, grounds: 'Again' }, 'CHN');
      expect(dup.extensions).toMatchObject({ code: 'CONFLICT', field: 'personId' });
      // The other party may challenge the same candidate on its own account.
      await ok(CHALLENGE, { disputeId, personId: person.challenged, grounds: 'Also' }, 'PAK');
      const notCandidate = await errorOf(CHALLENGE, { disputeId, personId: person.nominated, grounds: 'x' }, 'CHN');
      expect(notCandidate.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
    });

    it('the database holds one pending challenge per (dispute, person, member)', async () => {
      const insert = () =>
        t.db.query(
          `INSERT INTO challenges (dispute_id, person_id, by_member_id, grounds, status, filed_at) VALUES ($1, $2, $3, 'g', 'PENDING', now())`,
          [disputeId, person.challenged, members.CHN.id],
        );
      await expect(insert()).rejects.toThrow(/uq_challenges_pending/);
    });

    it('the secretariat decides a challenge with reasons, on the docket; once', async () => {
      for (const who of ['PAK', 'panelist'] as const) {
        expect((await errorOf(DECIDE_CHALLENGE, { id: challengeId, upheld: true, reasons: 'r' }, who)).extensions.code).toBe('FORBIDDEN');
      }
      const res = (
        await ok(DECIDE_CHALLENGE, { id: challengeId, upheld: true, reasons: 'Prior advice to a party on the measure at issue.' }, 'SEC')
      ).decideChallenge;
      expect(res).toMatchObject({ status: 'UPHELD', reasons: 'Prior advice to a party on the measure at issue.' });
      expect(await lastDocket()).toMatchObject({
        kind: 'decideChallenge',
        text: 'The secretariat upheld the challenge by China of a candidate (DSU 8.6): Prior advice to a party on the measure at issue.',
      });
      expect((await errorOf(DECIDE_CHALLENGE, { id: challengeId, upheld: false, reasons: 'r' }, 'SEC')).extensions.code).toBe(
        'INVALID_TRANSITION',
      );
      const dismissed = (await ok(CHALLENGE, { disputeId, personId: person.dismissed, grounds: 'Weak' }, 'PAK')).challengeCandidate;
      await ok(DECIDE_CHALLENGE, { id: dismissed.id, upheld: false, reasons: 'No compelling reason shown.' }, 'SEC');
      // A challenged candidate later removed from the roster stays in the report, as NOT_APPROVED.
      await ok(CHALLENGE, { disputeId, personId: person.removed, grounds: 'Conflict' }, 'PAK');
      await ok(`mutation($id: ID!) { removeRosterPerson(id: $id, reason: "Resigned") { id } }`, { id: person.removed }, 'SEC');
    });
  });

  describe('the eligibility report', () => {
    it('explains every exclusion', async () => {
      const { eligible, excluded } = await report();
      expect(eligible.map((p) => p.id).sort()).toEqual([person.eligible, person.pak, person.cleared, person.dismissed].sort());
      const byKey = Object.fromEntries(Object.entries(person).map(([key, id]) => [key, excluded.find((e) => e.person.id === id)?.reasons]));
      expect(byKey.chn).toEqual([
        { code: 'NATIONAL_OF_PARTY', detail: 'national of CHN, a party; consent still needed from PAK', memberCode: 'CHN' },
      ]);
      expect(byKey.kaz).toEqual([{ code: 'NATIONAL_OF_THIRD_PARTY', detail: 'national of KAZ, a third party', memberCode: 'KAZ' }]);
      expect(byKey.conflict).toEqual([
        { code: 'OPEN_CONFLICT', detail: 'a disclosure touching this dispute awaits decision', memberCode: null },
      ]);
      expect(byKey.upheld).toEqual([
        { code: 'OPEN_CONFLICT', detail: 'a conflict of interest in this dispute was confirmed', memberCode: null },
      ]);
      expect(byKey.unavailable).toEqual([{ code: 'UNAVAILABLE', detail: 'not available to serve', memberCode: null }]);
      expect(byKey.challenged).toEqual([{ code: 'SUCCESSFULLY_CHALLENGED', detail: 'challenge by CHN upheld', memberCode: 'CHN' }]);
      expect(byKey.removed).toEqual([{ code: 'NOT_APPROVED', detail: 'not on the roster (removed)', memberCode: null }]);
      // A nomination never approved is not a candidate and is not published to the parties.
      expect(JSON.stringify({ eligible, excluded })).not.toContain(person.nominated);
    });

    it('is what EligibilityService.evaluate gives inside a transaction', async () => {
      const service = t.app.get(EligibilityService);
      const result = await t.db.transaction((em) => service.evaluate(em, disputeId));
      expect(result.eligible.sort()).toEqual([person.eligible, person.pak, person.cleared, person.dismissed].sort());
      expect(result.excluded.map((e) => e.personId)).toContain(person.removed);
    });

    it.each([
      ['the complainant', 'CHN'],
      ['the respondent', 'PAK'],
    ] as const)('%s sees the report', async (_what, who) => {
      expect((await report(who)).eligible.length).toBe(4);
    });

    it.each([
      ['a third party', 'KAZ', 'FORBIDDEN'],
      ['a member outside the dispute', 'IDN', 'FORBIDDEN'],
      ['a panelist', 'panelist', 'FORBIDDEN'],
      ['anyone signed out', 'anonymous', 'UNAUTHENTICATED'],
    ] as const)('refuses the report to %s', async (_what, who, code) => {
      expect((await errorOf(REPORT, { disputeId }, who)).extensions.code).toBe(code);
    });

    it('answers NOT_FOUND for a dispute that does not exist', async () => {
      const error = await errorOf(REPORT, { disputeId: '00000000-0000-4000-8000-000000000000' }, 'SEC');
      expect(error.extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('the challenge window: 15 days from establishment', () => {
    it('accepts a challenge on the 15th day and refuses one after it with DEADLINE_PASSED', async () => {
      // Established 13 March 2026: day 15 is 28 March, to its end (UTC).
      t.clock.set('2026-03-28T23:59:00Z');
      const late = await t.gql(CHALLENGE, { disputeId, personId: person.eligible, grounds: 'Just in time' }, tok('CHN'));
      expect(late.errors).toBeUndefined();
      t.clock.set('2026-03-29T00:00:01Z');
      const tooLate = await t.gql(CHALLENGE, { disputeId, personId: person.eligible, grounds: 'Too late' }, tok('PAK'));
      expect(tooLate.errors![0].extensions).toMatchObject({ code: 'DEADLINE_PASSED', dueDate: '2026-03-28' });
      expect(tooLate.errors![0].message).toMatch(/CANDIDATE_CHALLENGES/);
    });
  });
});
