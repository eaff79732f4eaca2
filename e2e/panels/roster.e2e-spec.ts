import { MemberEntity, UserEntity } from '@app/core';
import { createHash } from 'node:crypto';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const NOMINATE = `mutation($input: NominateRosterPersonInput!) {
  nominateRosterPerson(input: $input) { id name nationality expertise languages available status version cvPath nominatedAt nominatedBy { code } }
}`;
const DECIDE = `mutation($id: ID!, $approve: Boolean!, $reason: String) {
  decideNomination(id: $id, approve: $approve, reason: $reason) { id status decisionReason decidedAt }
}`;
const REMOVE = `mutation($id: ID!, $reason: String!) { removeRosterPerson(id: $id, reason: $reason) { id status decisionReason } }`;
const LINK = `mutation($personId: ID!, $userId: ID!) { linkPanelistUser(personId: $personId, userId: $userId) { id panelistUser { id } } }`;
const AVAILABILITY = `mutation($personId: ID!, $available: Boolean!) { setAvailability(personId: $personId, available: $available) { id available } }`;
const ROSTER = `query($filter: RosterFilter, $first: Int, $after: String) {
  roster(filter: $filter, first: $first, after: $after) { nodes { id name nationality } pageInfo { hasNextPage endCursor } }
}`;

type Who = 'anonymous' | 'secretariat' | 'chn' | 'pak' | 'panelist' | 'otherPanelist';

describe('the roster of panelists (DSU 8.4)', () => {
  let t: TestApp;
  const users = {} as Record<Exclude<Who, 'anonymous'>, UserEntity>;
  const members = {} as Record<string, MemberEntity>;
  const token = (who: Who) => (who === 'anonymous' ? undefined : t.tokenFor(users[who]));
  const cvText = 'CV of Dr Lee: twenty years of trade law.';
  const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
  const input = (over: Record<string, unknown> = {}) => ({
    name: 'Dr Lee Wen',
    nationality: 'SGP',
    expertise: ['Trade in goods', 'SPS'],
    languages: ['English', 'Chinese'],
    ...over,
  });
  const nominate = async (over: Record<string, unknown> = {}, who: Who = 'chn') => {
    const res = await t.gql(NOMINATE, { input: input(over) }, token(who));
    expect(res.errors).toBeUndefined();
    return res.data!.nominateRosterPerson as { id: string; status: string };
  };
  const approve = async (id: string) => {
    const res = await t.gql(DECIDE, { id, approve: true }, token('secretariat'));
    expect(res.errors).toBeUndefined();
  };
  const audits = async () => (await t.db.query('SELECT count(*)::int AS n FROM audit_log'))[0].n as number;
  const publicIds = async (filter?: Record<string, unknown>) =>
    (await t.gql(ROSTER, { filter, first: 100 })).data!.roster.nodes.map((n: { id: string }) => n.id) as string[];

  let lee: string;

  beforeAll(async () => {
    t = await startTestApp();
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
    ])
      members[code] = await createMember(t.db, { code, name });
    users.chn = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.pak = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.PAK.id });
    users.secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    users.panelist = await createUser(t.db, { role: 'PANELIST' });
    users.otherPanelist = await createUser(t.db, { role: 'PANELIST' });
  });
  afterAll(() => t.close());

  it('a delegate nominates a person for its member, with a CV; one audit record, nothing public yet', async () => {
    const before = await audits();
    const res = await t.gql(
      NOMINATE,
      { input: input({ nationality: 'sgp', cv: { fileName: 'lee-cv.txt', mediaType: 'text/plain', content: b64(cvText) } }) },
      token('chn'),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.nominateRosterPerson).toMatchObject({
      name: 'Dr Lee Wen',
      nationality: 'SGP',
      expertise: ['Trade in goods', 'SPS'],
      available: true,
      status: 'NOMINATED',
      nominatedAt: '2026-03-02T09:00:00.000Z',
      nominatedBy: { code: 'CHN' },
    });
    lee = res.data!.nominateRosterPerson.id;
    expect(await audits()).toBe(before + 1);
    const [cv] = await t.db.query('SELECT sha256, file_name FROM roster_cvs WHERE person_id = $1', [lee]);
    expect(cv).toEqual({ sha256: createHash('sha256').update(cvText).digest('hex'), file_name: 'lee-cv.txt' });
    // Not approved: absent from the public roster, rosterPerson and the CV route.
    expect(await publicIds()).not.toContain(lee);
    expect((await t.gql(`query($id: ID!) { rosterPerson(id: $id) { id } }`, { id: lee })).errors![0].extensions.code).toBe('NOT_FOUND');
    const cvRes = await t.http().get(`/roster/${lee}/cv`);
    expect(cvRes.status).toBe(404);
    expect(cvRes.body.error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['the secretariat', 'secretariat', 'FORBIDDEN'],
    ['a panelist', 'panelist', 'FORBIDDEN'],
    ['anyone signed out', 'anonymous', 'UNAUTHENTICATED'],
  ] as const)('refuses a nomination by %s', async (_what, who, code) => {
    const before = await audits();
    const res = await t.gql(NOMINATE, { input: input() }, token(who));
    expect(res.errors![0].extensions.code).toBe(code);
    expect(await audits()).toBe(before);
  });

  it.each([
    ['an unassigned nationality code', { nationality: 'XXX' }, 'input.nationality'],
    ['a two-letter nationality code', { nationality: 'PK' }, 'input.nationality'],
    ['no expertise', { expertise: [] }, 'input.expertise'],
    ['an empty name', { name: '  ' }, 'input.name'],
    ['a CV that is not base64', { cv: { fileName: 'cv.pdf', mediaType: 'application/pdf', content: '***' } }, 'input.cv.content'],
    [
      'a CV file name with a folder',
      { cv: { fileName: '../cv.pdf', mediaType: 'application/pdf', content: b64('x') } },
      'input.cv.fileName',
    ],
  ])('refuses %s as BAD_USER_INPUT naming the field', async (_what, change, field) => {
    const res = await t.gql(NOMINATE, { input: input(change) }, token('chn'));
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors![0].message).toContain(field);
  });

  it('accepts a national of a non-member and refuses a CV over 5 MB', async () => {
    const nonMember = await nominate({ name: 'Ms Ana Souza', nationality: 'BRA' });
    expect(nonMember.status).toBe('NOMINATED');
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
    const res = await t.gql(
      NOMINATE,
      { input: input({ cv: { fileName: 'cv.bin', mediaType: 'application/octet-stream', content: b64(big) } }) },
      token('chn'),
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'input.cv.content' });
  });

  it('only the secretariat decides a nomination; a rejection needs a reason; a decision is final', async () => {
    for (const who of ['chn', 'panelist'] as const) {
      expect((await t.gql(DECIDE, { id: lee, approve: true }, token(who))).errors![0].extensions.code).toBe('FORBIDDEN');
    }
    const noReason = await t.gql(DECIDE, { id: lee, approve: false }, token('secretariat'));
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const badId = await t.gql(DECIDE, { id: 'nope', approve: true }, token('secretariat'));
    expect(badId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const res = await t.gql(DECIDE, { id: lee, approve: true, reason: 'Qualified under DSU 8.1' }, token('secretariat'));
    expect(res.data!.decideNomination).toMatchObject({
      status: 'APPROVED',
      decisionReason: 'Qualified under DSU 8.1',
      decidedAt: '2026-03-02T09:00:00.000Z',
    });
    const again = await t.gql(DECIDE, { id: lee, approve: false, reason: 'changed mind' }, token('secretariat'));
    expect(again.errors![0].extensions.code).toBe('INVALID_TRANSITION');
  });

  it('publishes approved persons only, with public fields only', async () => {
    const rejected = await nominate({ name: 'Mr Rejected', nationality: 'PAK' }, 'pak');
    expect(
      (await t.gql(DECIDE, { id: rejected.id, approve: false, reason: 'Not qualified' }, token('secretariat'))).errors,
    ).toBeUndefined();
    const ids = await publicIds();
    expect(ids).toContain(lee);
    expect(ids).not.toContain(rejected.id);
    const one = await t.gql(`query($id: ID!) { rosterPerson(id: $id) { id name nationality expertise languages available cvPath } }`, {
      id: lee,
    });
    expect(one.data!.rosterPerson).toEqual({
      id: lee,
      name: 'Dr Lee Wen',
      nationality: 'SGP',
      expertise: ['Trade in goods', 'SPS'],
      languages: ['English', 'Chinese'],
      available: true,
      cvPath: `/roster/${lee}/cv`,
    });
    const type = await t.gql(`{ __type(name: "RosterPerson") { fields { name } } }`);
    expect(type.data!.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual([
      'available',
      'cvPath',
      'expertise',
      'id',
      'languages',
      'name',
      'nationality',
    ]);
    const hidden = await t.gql(`query($id: ID!) { rosterPerson(id: $id) { nominatedBy { code } } }`, { id: lee });
    expect(hidden.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('filters the public roster by expertise (any case) and nationality, and pages by name', async () => {
    const khan = await nominate({ name: 'Dr Aisha Khan', nationality: 'PAK', expertise: ['Anti-dumping'] }, 'pak');
    await approve(khan.id);
    expect(await publicIds({ expertise: 'sps' })).toEqual([lee]);
    expect(await publicIds({ nationality: 'pak' })).toEqual([khan.id]);
    const bad = await t.gql(ROSTER, { filter: { nationality: 'ZZZ' } });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.nationality' });
    const first = await t.gql(ROSTER, { first: 1 });
    expect(first.data!.roster.nodes.map((n: { name: string }) => n.name)).toEqual(['Dr Aisha Khan']);
    const second = await t.gql(ROSTER, { first: 1, after: first.data!.roster.pageInfo.endCursor });
    expect(second.data!.roster.nodes.map((n: { name: string }) => n.name)).toEqual(['Dr Lee Wen']);
  });

  it('serves the CV of an approved person to anyone', async () => {
    const res = await t
      .http()
      .get(`/roster/${lee}/cv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect((res.body as Buffer).toString()).toBe(cvText);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.headers['content-disposition']).toContain('lee-cv.txt');
    expect((await t.http().get('/roster/not-a-uuid/cv')).status).toBe(404);
  });

  it('links the person’s own PANELIST account: secretariat only, PANELIST only, one person per account', async () => {
    for (const who of ['chn', 'panelist'] as const) {
      expect((await t.gql(LINK, { personId: lee, userId: users.panelist.id }, token(who))).errors![0].extensions.code).toBe('FORBIDDEN');
    }
    const notPanelist = await t.gql(LINK, { personId: lee, userId: users.chn.id }, token('secretariat'));
    expect(notPanelist.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId', domainCode: 'NOT_A_PANELIST' });
    const res = await t.gql(LINK, { personId: lee, userId: users.panelist.id }, token('secretariat'));
    expect(res.data!.linkPanelistUser.panelistUser).toEqual({ id: users.panelist.id });
    const other = await nominate({ name: 'Dr Other' });
    const dup = await t.gql(LINK, { personId: other.id, userId: users.panelist.id }, token('secretariat'));
    expect(dup.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'userId' });
  });

  it('availability is set by the person themselves or the secretariat, no one else', async () => {
    for (const who of ['otherPanelist', 'chn'] as const) {
      const res = await t.gql(AVAILABILITY, { personId: lee, available: false }, token(who));
      expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
    }
    expect((await t.gql(AVAILABILITY, { personId: lee, available: false }, token('panelist'))).data!.setAvailability.available).toBe(false);
    expect((await t.gql(`query($id: ID!) { rosterPerson(id: $id) { available } }`, { id: lee })).data!.rosterPerson.available).toBe(false);
    expect((await t.gql(AVAILABILITY, { personId: lee, available: true }, token('secretariat'))).data!.setAvailability.available).toBe(
      true,
    );
  });

  it('nominations: the secretariat sees all, a delegate its own member’s, a panelist nothing', async () => {
    const q = `query($status: RosterStatus) { nominations(status: $status, first: 100) { nodes { id status nominatedBy { code } panelistUser { id } } } }`;
    const all = (await t.gql(q, {}, token('secretariat'))).data!.nominations.nodes;
    expect(all.length).toBe(5);
    const rejected = (await t.gql(q, { status: 'REJECTED' }, token('secretariat'))).data!.nominations.nodes;
    expect(rejected.map((n: { status: string }) => n.status)).toEqual(['REJECTED']);
    const pak = (await t.gql(q, {}, token('pak'))).data!.nominations.nodes;
    expect(pak.length).toBe(2);
    expect(pak.every((n: { nominatedBy: { code: string } }) => n.nominatedBy.code === 'PAK')).toBe(true);
    // The linked account is the secretariat's (and the person's) business, not the nominating member's.
    const chnLee = (await t.gql(q, {}, token('chn'))).data!.nominations.nodes.find((n: { id: string }) => n.id === lee);
    expect(chnLee.panelistUser).toBeNull();
    expect(all.find((n: { id: string }) => n.id === lee).panelistUser).toEqual({ id: users.panelist.id });
    expect((await t.gql(q, {}, token('panelist'))).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('removes an approved person (secretariat only): off the public roster, CV no longer served', async () => {
    for (const who of ['chn', 'panelist'] as const) {
      expect((await t.gql(REMOVE, { id: lee, reason: 'Resigned' }, token(who))).errors![0].extensions.code).toBe('FORBIDDEN');
    }
    const res = await t.gql(REMOVE, { id: lee, reason: 'Resigned' }, token('secretariat'));
    expect(res.data!.removeRosterPerson).toMatchObject({ status: 'REMOVED', decisionReason: 'Resigned' });
    expect(await publicIds()).not.toContain(lee);
    expect((await t.http().get(`/roster/${lee}/cv`)).status).toBe(404);
    expect((await t.gql(REMOVE, { id: lee, reason: 'again' }, token('secretariat'))).errors![0].extensions.code).toBe('INVALID_TRANSITION');
    const availability = await t.gql(AVAILABILITY, { personId: lee, available: true }, token('panelist'));
    expect(availability.errors![0].extensions.code).toBe('INVALID_TRANSITION');
  });
});
