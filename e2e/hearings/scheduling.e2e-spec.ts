import { ACT, CANCEL, DAY, RESCHEDULE, SCHEDULE, World, addRoom, closeElection, establishAndOpenElections, startWorld } from './setup';

// Items 1–3 of the hearings issue: scheduling by the panel or the secretariat, clashes refused by
// the database and explained, bad input refused with nothing stored.
describe('hearings: scheduling without clashes', () => {
  let w: World;
  let d1: string; // CHN v PAK, KAZ third party; panel A (chair), B, C
  let d2: string; // IDN v MYS; panel A (chair), D, E: Alice sits on both
  let room1: string;
  let room2: string;
  let h1: string;
  const count = async (sql: string, params: unknown[] = []) => (await w.t.db.query(sql, params))[0].n as number;

  beforeAll(async () => {
    // Filed 22 days before 2 March: the elections open on 2 March (see establishAndOpenElections).
    w = await startWorld('2026-02-08T09:00:00Z');
    const [e1, e2] = await establishAndOpenElections(w, [
      { complainant: 'CHN', respondent: 'PAK', thirdParties: ['KAZ'], panel: ['A', 'B', 'C'] },
      { complainant: 'IDN', respondent: 'MYS', panel: ['A', 'D', 'E'] },
    ]);
    expect(w.t.clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    d1 = e1.disputeId;
    d2 = e2.disputeId;
    w.t.clock.advance(7 * DAY + 1000);
    await closeElection(w, e1.electionId);
    await closeElection(w, e2.electionId);
    room1 = await addRoom(w, 'Room W');
    room2 = await addRoom(w, 'Room S');
  });
  afterAll(() => w.t.close());

  const base = () => ({
    disputeId: d1,
    kind: 'FIRST_SUBSTANTIVE_MEETING',
    startsAt: '2026-03-16T09:00:00Z',
    endsAt: '2026-03-16T12:00:00Z',
    timeZone: 'Europe/Zurich',
    roomId: room1,
  });

  it('refuses bad input with clear codes, storing nothing', async () => {
    const expectError = async (input: Record<string, unknown>, token: string, code: string, domainCode: string) => {
      const res = await w.t.gql(SCHEDULE, { input }, token);
      expect(res.errors?.[0].extensions).toMatchObject({ code, domainCode });
    };
    const chair = w.tok(w.panelists.A);
    await expectError({ ...base(), endsAt: '2026-03-16T08:00:00Z' }, chair, 'BAD_USER_INPUT', 'ENDS_BEFORE_START');
    await expectError({ ...base(), timeZone: 'Europe/Atlantis' }, chair, 'BAD_USER_INPUT', 'UNKNOWN_TIME_ZONE');
    await expectError({ ...base(), roomId: null, virtualLink: 'http://meet.example.org/x' }, chair, 'BAD_USER_INPUT', 'LINK_NOT_HTTPS');
    await expectError({ ...base(), roomId: null }, chair, 'BAD_USER_INPUT', 'NO_VENUE');
    // Dan sits on the other panel, not this one; a party's delegate schedules nothing.
    await expectError(base(), w.tok(w.panelists.D), 'FORBIDDEN', 'NOT_ON_PANEL');
    expect((await w.t.gql(SCHEDULE, { input: base() }, w.tok(w.delegates.CHN))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    // A dispute whose panel is not composed has no hearings.
    const filed = await w.t.gql(
      `mutation { requestConsultations(input: { respondents: ["THA"], title: "T", measures: ["M"], legalBasis: ["GATT"], summary: "S" }) { id } }`,
      {},
      w.tok(w.delegates.EGY),
    );
    await expectError(
      { ...base(), disputeId: filed.data!.requestConsultations.id },
      w.tok(w.sec),
      'INVALID_TRANSITION',
      'PANEL_NOT_COMPOSED',
    );
    expect(await count('SELECT count(*)::int AS n FROM hearings')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM hearing_bookings')).toBe(0);
  });

  it('lets the chair schedule a meeting of the panel and the parties, docketed, with notices', async () => {
    const res = await w.t.gql(SCHEDULE, { input: base() }, w.tok(w.panelists.A));
    expect(res.errors).toBeUndefined();
    const h = res.data!.scheduleHearing;
    h1 = h.id;
    expect(h).toMatchObject({
      status: 'SCHEDULED',
      sequence: 0,
      localStart: '2026-03-16T10:00:00+01:00',
      localEnd: '2026-03-16T13:00:00+01:00',
      room: { name: 'Room W' },
    });
    const names = h.participants.map((p: { kind: string; name: string }) => `${p.kind}:${p.name}`).sort();
    // Third parties come to their own session only.
    expect(names).toEqual([
      'PANELIST:Alice Ang',
      'PANELIST:Bruno Braga',
      'PANELIST:Clara Chevalier',
      'PARTY:Member CHN (CHN)',
      'PARTY:Member PAK (PAK)',
    ]);
    const docket = await w.t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { kind text } } } }`, { id: d1 });
    expect(docket.data!.dispute.docket.nodes.find((n: { kind: string }) => n.kind === 'scheduleHearing').text).toContain(
      'first substantive meeting',
    );
    // Three panelists and the two parties' delegates.
    expect(
      await count(`SELECT count(*)::int AS n FROM notices WHERE dedupe_key LIKE 'hearing:' || $1 || ':%' AND kind = 'hearingScheduled'`, [
        h1,
      ]),
    ).toBe(5);
  });

  it('refuses a room booked twice, naming the hearing, the room and the times', async () => {
    const res = await w.t.gql(
      SCHEDULE,
      { input: { ...base(), disputeId: d2, startsAt: '2026-03-16T11:00:00Z', endsAt: '2026-03-16T13:00:00Z' } },
      w.tok(w.sec),
    );
    const error = res.errors![0];
    expect(error.extensions).toMatchObject({
      code: 'CONFLICT',
      domainCode: 'ROOM_TAKEN',
      hearingId: h1,
      from: '2026-03-16T09:00:00.000Z',
      to: '2026-03-16T12:00:00.000Z',
    });
    expect(error.message).toMatch(
      /^Room Room W is already booked for the first substantive meeting of DS\d+ \(hearing [0-9a-f-]+\) from 2026-03-16T09:00:00.000Z to 2026-03-16T12:00:00.000Z$/,
    );
  });

  it('refuses a panelist in two overlapping hearings of different disputes', async () => {
    const res = await w.t.gql(
      SCHEDULE,
      {
        input: {
          ...base(),
          disputeId: d2,
          roomId: null,
          virtualLink: 'https://meet.example.org/ds2',
          startsAt: '2026-03-16T11:30:00Z',
          endsAt: '2026-03-16T14:00:00Z',
        },
      },
      w.tok(w.panelists.D),
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', domainCode: 'PANELIST_BUSY', hearingId: h1 });
    expect(res.errors![0].message).toContain('Panelist Alice Ang is already booked for the first substantive meeting');
    // Back to back is no clash: the ranges are half-open.
    const next = await w.t.gql(
      SCHEDULE,
      {
        input: {
          ...base(),
          disputeId: d2,
          roomId: null,
          virtualLink: 'https://meet.example.org/ds2',
          startsAt: '2026-03-16T12:00:00Z',
          endsAt: '2026-03-16T14:00:00Z',
        },
      },
      w.tok(w.panelists.D),
    );
    expect(next.errors).toBeUndefined();
  });

  it('refuses a day a party declared unavailable (in the zone it named), and such a declaration over a hearing', async () => {
    const declare = `mutation($input: DeclareUnavailabilityInput!) { declareUnavailability(input: $input) { id day timeZone } }`;
    const ok = await w.t.gql(
      declare,
      { input: { day: '2026-03-18', timeZone: 'Asia/Shanghai', reason: 'National holiday' } },
      w.tok(w.delegates.CHN),
    );
    expect(ok.errors).toBeUndefined();
    // 10:00–12:00 in Shanghai on the 18th.
    const res = await w.t.gql(
      SCHEDULE,
      { input: { ...base(), startsAt: '2026-03-18T02:00:00Z', endsAt: '2026-03-18T04:00:00Z' } },
      w.tok(w.sec),
    );
    expect(res.errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      domainCode: 'PARTY_UNAVAILABLE',
      from: '2026-03-17T16:00:00.000Z',
      to: '2026-03-18T16:00:00.000Z',
    });
    expect(res.errors![0].message).toBe(
      'Member CHN (CHN) declared 2026-03-18 (Asia/Shanghai) unavailable: National holiday (2026-03-17T16:00:00.000Z to 2026-03-18T16:00:00.000Z)',
    );
    // The evening of the 18th in Geneva is the 19th in Shanghai: free.
    const evening = await w.t.gql(
      SCHEDULE,
      { input: { ...base(), kind: 'EXPERT_CONSULTATION', startsAt: '2026-03-18T17:00:00Z', endsAt: '2026-03-18T18:00:00Z' } },
      w.tok(w.sec),
    );
    expect(evening.errors).toBeUndefined();
    const over = await w.t.gql(declare, { input: { day: '2026-03-16', reason: 'Delegation travelling' } }, w.tok(w.delegates.PAK));
    expect(over.errors![0].extensions).toMatchObject({ code: 'CONFLICT', domainCode: 'PARTY_BUSY', hearingId: h1 });
  });

  it('refuses a hearing touching a day the body is closed, as a day in the hearing’s zone', async () => {
    expect(
      (await w.t.gql(`mutation { addClosedDay(day: "2026-03-20", reason: "Founding Day") { day } }`, {}, w.tok(w.sec))).errors,
    ).toBeUndefined();
    const input = {
      ...base(),
      disputeId: d2,
      roomId: room2,
      startsAt: '2026-03-19T23:30:00Z',
      endsAt: '2026-03-20T01:00:00Z',
      timeZone: 'UTC',
    };
    const res = await w.t.gql(SCHEDULE, { input }, w.tok(w.sec));
    expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', domainCode: 'BODY_CLOSED', day: '2026-03-20' });
    expect(res.errors![0].message).toContain('The body is closed on 2026-03-20 (UTC)');
    // The same instants are the evening of the 19th in New York.
    const ny = await w.t.gql(SCHEDULE, { input: { ...input, timeZone: 'America/New_York' } }, w.tok(w.sec));
    expect(ny.errors).toBeUndefined();
    expect(ny.data!.scheduleHearing.localStart).toBe('2026-03-19T19:30:00-04:00');
  });

  it('books one room at one time once, of 50 simultaneous attempts; the database refuses overlaps itself', async () => {
    const input = {
      ...base(),
      disputeId: d2,
      kind: 'SECOND_SUBSTANTIVE_MEETING',
      roomId: room2,
      startsAt: '2026-03-25T09:00:00Z',
      endsAt: '2026-03-25T12:00:00Z',
    };
    const token = w.tok(w.sec);
    const results = await Promise.all(Array.from({ length: 50 }, () => w.t.gql(SCHEDULE, { input }, token)));
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.errors).every((r) => r.errors![0].extensions.code === 'CONFLICT')).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM hearings WHERE room_id = $1 AND starts_at = '2026-03-25T09:00:00Z'`, [room2])).toBe(
      1,
    );
    // Straight into the table, past the service: the exclusion constraint refuses the overlap.
    const hearingId = ok[0].data!.scheduleHearing.id;
    await expect(
      w.t.db.query(
        `INSERT INTO hearing_bookings (hearing_id, resource_kind, resource_id, during) VALUES ($1, 'ROOM', $2, tstzrange('2026-03-25T11:00Z', '2026-03-25T13:00Z'))`,
        [hearingId, room2],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23P01' } });
  });

  it('reschedules with a docketed reason, freeing the old slot; cancels likewise', async () => {
    const res = await w.t.gql(
      RESCHEDULE,
      {
        input: {
          hearingId: h1,
          startsAt: '2026-03-17T09:00:00Z',
          endsAt: '2026-03-17T12:00:00Z',
          reason: 'A delegation’s flight was cancelled',
        },
      },
      w.tok(w.panelists.B),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.rescheduleHearing).toMatchObject({
      sequence: 1,
      localStart: '2026-03-17T10:00:00+01:00',
      reason: 'A delegation’s flight was cancelled',
    });
    const taken = await w.t.gql(
      SCHEDULE,
      {
        input: {
          ...base(),
          disputeId: d2,
          kind: 'ORGANISATIONAL_MEETING',
          startsAt: '2026-03-16T09:00:00Z',
          endsAt: '2026-03-16T10:00:00Z',
          roomId: room1,
        },
      },
      w.tok(w.sec),
    );
    expect(taken.errors).toBeUndefined();
    expect((await w.t.gql(CANCEL, { input: { hearingId: h1, reason: 'Bad' } }, w.tok(w.panelists.D))).errors![0].extensions.code).toBe(
      'FORBIDDEN',
    );
    const cancelled = await w.t.gql(
      CANCEL,
      { input: { hearingId: h1, reason: 'The parties settled the procedural issue in writing' } },
      w.tok(w.sec),
    );
    expect(cancelled.data!.cancelHearing).toMatchObject({ status: 'CANCELLED', sequence: 2 });
    expect(await count('SELECT count(*)::int AS n FROM hearing_bookings WHERE hearing_id = $1', [h1])).toBe(0);
    const again = await w.t.gql(
      RESCHEDULE,
      { input: { hearingId: h1, startsAt: '2026-03-17T09:00:00Z', endsAt: '2026-03-17T12:00:00Z', reason: 'x' } },
      w.tok(w.sec),
    );
    expect(again.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'HEARING_CANCELLED' });
    const kinds = (await w.t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { kind text } } } }`, { id: d1 })).data!
      .dispute.docket.nodes;
    expect(kinds.find((n: { kind: string }) => n.kind === 'rescheduleHearing').text).toContain('A delegation’s flight was cancelled');
    expect(kinds.find((n: { kind: string }) => n.kind === 'cancelHearing').text).toContain('settled the procedural issue');
    expect(
      await count(`SELECT count(*)::int AS n FROM notices WHERE dedupe_key LIKE 'hearing:' || $1 || ':%' AND kind = 'hearingCancelled'`, [
        h1,
      ]),
    ).toBe(5);
  });

  it('lists hearings by period, dispute, panelist and room, as each user may see them', async () => {
    const LIST = `query($f: HearingsFilter) { hearings(filter: $f, first: 100) { nodes { id kind startsAt } } }`;
    const all = await w.t.gql(LIST, { f: { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' } }, w.tok(w.sec));
    expect(all.errors).toBeUndefined();
    expect(all.data!.hearings.nodes.length).toBeGreaterThanOrEqual(4);
    const starts = all.data!.hearings.nodes.map((n: { startsAt: string }) => n.startsAt);
    expect([...starts].sort()).toEqual(starts);
    const byRoom = await w.t.gql(LIST, { f: { roomId: room2 } }, w.tok(w.sec));
    expect(byRoom.data!.hearings.nodes.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'FIRST_SUBSTANTIVE_MEETING',
      'SECOND_SUBSTANTIVE_MEETING',
    ]);
    const byPanelist = await w.t.gql(LIST, { f: { panelistId: w.persons.B.id } }, w.tok(w.sec));
    expect(byPanelist.data!.hearings.nodes.map((n: { kind: string }) => n.kind)).toEqual(['EXPERT_CONSULTATION']);
    // Member IDN is a party to DS2 only; closed hearings of DS1 do not exist for it; anonymous sees none.
    const idn = await w.t.gql(LIST, { f: { disputeId: d1 } }, w.tok(w.delegates.IDN));
    expect(idn.data!.hearings.nodes).toEqual([]);
    expect((await w.t.gql(LIST, {})).data!.hearings.nodes).toEqual([]);
  });

  // It moves the clock on (to 1 April).
  it('neither moves nor cancels a hearing that has begun; a withdrawal cancels the hearings ahead', async () => {
    const at = (day: number, hour: number) => `2026-04-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
    const schedule = async (day: number) => {
      const res = await w.t.gql(
        SCHEDULE,
        { input: { ...base(), disputeId: d2, kind: 'EXPERT_CONSULTATION', startsAt: at(day, 9), endsAt: at(day, 12), roomId: room2 } },
        w.tok(w.sec),
      );
      expect(res.errors).toBeUndefined();
      return res.data!.scheduleHearing.id as string;
    };
    const begun = await schedule(1);
    const later = await schedule(8);
    w.t.clock.advance(Date.parse(at(1, 10)) - w.t.clock.now().getTime());
    const state = async () => ({
      hearing: (await w.t.db.query('SELECT status, sequence, starts_at FROM hearings WHERE id = $1', [begun]))[0],
      docket: await count('SELECT count(*)::int AS n FROM docket_entries WHERE dispute_id = $1', [d2]),
      notices: await count(`SELECT count(*)::int AS n FROM notices WHERE dedupe_key LIKE 'hearing:' || $1 || ':%'`, [begun]),
    });
    const before = await state();
    const moved = await w.t.gql(
      RESCHEDULE,
      { input: { hearingId: begun, startsAt: at(2, 9), endsAt: at(2, 12), reason: 'Overran' } },
      w.tok(w.sec),
    );
    expect(moved.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'HEARING_BEGUN' });
    expect(moved.errors![0].message).toMatch(/has begun and cannot be moved; schedule a further session/);
    const cancelled = await w.t.gql(CANCEL, { input: { hearingId: begun, reason: 'Too late' } }, w.tok(w.panelists.A));
    expect(cancelled.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'HEARING_BEGUN' });
    expect(await state()).toEqual(before);

    // The complainant withdraws (DSU 3.7): in the same step the hearing ahead is cancelled,
    // docketed and announced to those who were to attend; the one under way stays as it was.
    expect((await w.t.gql(ACT, { id: d2, action: 'withdraw' }, w.tok(w.delegates.IDN))).errors).toBeUndefined();
    const row = async (id: string) => (await w.t.db.query('SELECT status, sequence, reason FROM hearings WHERE id = $1', [id]))[0];
    expect(await row(later)).toEqual({ status: 'CANCELLED', sequence: 1, reason: 'the dispute moved to Withdrawn' });
    expect((await row(begun)).status).toBe('SCHEDULED');
    expect(await count('SELECT count(*)::int AS n FROM hearing_bookings WHERE hearing_id = $1', [later])).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM notices WHERE dedupe_key LIKE 'hearing:' || $1 || ':%' AND kind = 'hearingCancelled'`, [
        later,
      ]),
    ).toBeGreaterThan(0);
    const docket = (
      await w.t.gql(
        `query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { kind actorRole text } } } }`,
        { id: d2 },
        w.tok(w.sec),
      )
    ).data!.dispute.docket.nodes;
    expect(docket.slice(-2).map((n: { kind: string; actorRole: string }) => [n.kind, n.actorRole])).toEqual([
      ['withdraw', 'COMPLAINANT'],
      ['cancelHearing', 'COMPLAINANT'],
    ]);
    expect(docket.at(-1).text).toMatch(/is cancelled\. It is not held: the dispute moved to Withdrawn\.$/);
    const afterWithdrawal = await w.t.gql(
      RESCHEDULE,
      { input: { hearingId: later, startsAt: at(9, 9), endsAt: at(9, 12), reason: 'x' } },
      w.tok(w.sec),
    );
    expect(afterWithdrawal.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'HEARING_CANCELLED' });
    // One step, one audit record: the withdrawal's, after the scheduling of the two hearings (the
    // cancellation is part of the step; the refused moves and cancellations left none).
    const audit = await w.t.db.query(`SELECT operation FROM audit_log ORDER BY seq DESC LIMIT 3`);
    expect(audit.map((a: { operation: string }) => a.operation)).toEqual(['withdraw', 'scheduleHearing', 'scheduleHearing']);
  });

  it('lets the panel sit again as the compliance panel (DSU 21.5), not while implementation is only watched', async () => {
    // DS1's report adopted and a reasonable period fixed, as the rulings and implementation steps
    // leave it (e2e/rulings and e2e/registry/compliance drive those steps).
    await w.t.db.query(`UPDATE disputes SET stage = 'IMPLEMENTATION_SURVEILLANCE', rpt_ends_on = '2026-03-31' WHERE id = $1`, [d1]);
    await w.t.db.query(`UPDATE deadlines SET status = 'SUPERSEDED' WHERE dispute_id = $1 AND status = 'OPEN'`, [d1]);
    const input = { ...base(), kind: 'FIRST_SUBSTANTIVE_MEETING', startsAt: '2026-04-20T09:00:00Z', endsAt: '2026-04-20T12:00:00Z' };
    const watched = await w.t.gql(SCHEDULE, { input }, w.tok(w.panelists.A));
    expect(watched.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'PANEL_NOT_COMPOSED' });
    const requested = await w.t.gql(ACT, { id: d1, action: 'requestComplianceReview' }, w.tok(w.delegates.CHN));
    expect(requested.data!.takeAction.stage).toBe('COMPLIANCE_REVIEW');
    const res = await w.t.gql(SCHEDULE, { input }, w.tok(w.panelists.A));
    expect(res.errors).toBeUndefined();
    expect(res.data!.scheduleHearing).toMatchObject({ status: 'SCHEDULED', room: { name: 'Room W' } });
    expect(res.data!.scheduleHearing.participants.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Alice Ang', 'Member CHN (CHN)', 'Member PAK (PAK)']),
    );
  });
});
