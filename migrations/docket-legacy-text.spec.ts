import { catalogues } from '@app/i18n';
import { TRANSITIONS, citeRule } from '@app/procedure';
import { parseLegacyDocketText } from './docket-legacy-text';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { ADDENDUM_PARAMS, moveItem, renderDocketText, type DocketMessage } from '@app/registry';

const english = catalogues().en;

/**
 * The entries the code writes, one per message, with the parameters its call site passes, and the
 * English sentence the docket wrote for it before entries were messages (byte for byte).
 */
const WRITTEN: { entry: DocketMessage; english: string }[] = [
  {
    entry: {
      message: 'docket.requestConsultations',
      params: { complainant: 'China', respondents: ['Pakistan', 'Kazakhstan'], urgent: true, title: 'Measures on steel' },
    },
    english: 'China requested consultations with Pakistan, Kazakhstan (urgent: DSU 4.8): Measures on steel.',
  },
  {
    entry: {
      message: 'docket.requestConsultations',
      params: { complainant: 'China', respondents: ['Pakistan'], urgent: false, title: 'Tea' },
    },
    english: 'China requested consultations with Pakistan: Tea.',
  },
  {
    entry: { message: 'docket.correction', params: { seq: '3', text: 'the date was wrong' } },
    english: 'Correction of entry 3: the date was wrong',
  },
  {
    entry: { message: 'docket.joinConsultations', params: { actor: 'Indonesia' } },
    english: 'Indonesia asked to join the consultations (DSU 4.11).',
  },
  {
    entry: { message: 'docket.joinPanelProceedings', params: { actor: 'Indonesia' } },
    english: 'Indonesia notified its substantial interest and joined the panel proceedings as a third party (DSU 10.2).',
  },
  {
    entry: { message: 'docket.joinRequestAccepted', params: { actor: 'Pakistan', member: 'Indonesia' } },
    english: "Pakistan accepted Indonesia's request to join the consultations (DSU 4.11).",
  },
  {
    entry: { message: 'docket.joinRequestRejected', params: { actor: 'Pakistan', member: 'Indonesia' } },
    english: "Pakistan rejected Indonesia's request to join the consultations (DSU 4.11).",
  },
  {
    entry: {
      message: 'docket.deadlinesMoved.closed',
      params: {
        closedDay: '2026-05-01',
        reason: 'Labour Day',
        moves: [
          moveItem('REPLY_TO_REQUEST', 'DSU 4.3', '2026-05-04', '2026-05-01'),
          moveItem('ENTER_CONSULTATIONS', 'DSU 4.3', '2026-05-04', '2026-05-01'),
        ],
      },
    },
    english:
      'Time limits moved because the body is closed on 2026-05-01 (Labour Day): REPLY_TO_REQUEST (DSU 4.3) is now due 2026-05-04 instead of ' +
      '2026-05-01; ENTER_CONSULTATIONS (DSU 4.3) is now due 2026-05-04 instead of 2026-05-01.',
  },
  {
    entry: {
      message: 'docket.deadlinesMoved.reopened',
      params: {
        closedDay: '2026-05-01',
        reason: 'Labour Day',
        moves: [moveItem('REPLY_TO_REQUEST', 'DSU 4.3', '2026-05-01', '2026-05-04')],
      },
    },
    english:
      'Time limits moved because 2026-05-01 (Labour Day) is no longer a closed day: REPLY_TO_REQUEST (DSU 4.3) is now due 2026-05-01 instead of 2026-05-04.',
  },
  {
    entry: {
      message: 'docket.deadlinesMoved.service',
      params: { member: 'PAK', servedDay: '2026-03-03', moves: [moveItem('REPLY_TO_REQUEST', 'DSU 4.3', '2026-03-13', '2026-03-12')] },
    },
    english:
      'Time limits counted from receipt of the request for consultations, first served on PAK on 2026-03-03 (DSU 4.3, 4.7): ' +
      'REPLY_TO_REQUEST (DSU 4.3) is now due 2026-03-13 instead of 2026-03-12.',
  },
  {
    entry: {
      message: 'docket.deadlineMissed',
      params: { rule: 'REPLY_TO_REQUEST', article: 'DSU 4.3', description: 'The respondent replies.' },
    },
    english: 'The time limit REPLY_TO_REQUEST (DSU 4.3) ran out without the act it awaited: The respondent replies.',
  },
  {
    entry: {
      message: 'docket.periodEnded',
      params: { rule: 'EARLIEST_PANEL_REQUEST', article: 'DSU 4.7', description: 'Sixty days. A panel may be requested.' },
    },
    english: 'The period EARLIEST_PANEL_REQUEST (DSU 4.7) ran its course: Sixty days. A panel may be requested.',
  },
  {
    entry: {
      message: 'docket.summaryMissed',
      params: {
        rule: 'NON_CONFIDENTIAL_SUMMARY',
        article: 'DSU 18.2',
        author: 'China',
        requester: 'Pakistan',
        documentKind: 'FIRST_WRITTEN_SUBMISSION',
        dueDay: '2026-06-01',
      },
    },
    english:
      'The time limit NON_CONFIDENTIAL_SUMMARY (DSU 18.2) ran out without the act it awaited: China has not given Pakistan the non-confidential ' +
      'summary of its first written submission due 2026-06-01.',
  },
  {
    entry: { message: 'docket.scheduleBodyMeeting', params: { heldDay: '2026-07-01', dueDay: '2026-06-21', article: 'DSU 21.6' } },
    english:
      "The body meets on 2026-07-01 with this case on its agenda; the respondent's status report is due by 2026-06-21 (STATUS_REPORT_NOTICE, DSU 21.6).",
  },
  {
    entry: { message: 'docket.fileDocument.public', params: { actor: 'China', title: 'First submission' } },
    english: 'China filed "First submission".',
  },
  {
    entry: { message: 'docket.fileDocument.public', params: { actorOrgan: 'PANEL', title: 'Working procedures' } },
    english: 'The panel filed "Working procedures".',
  },
  {
    entry: {
      message: 'docket.fileDocument.withheld',
      params: { actorOrgan: 'SECRETARIAT', classification: 'CONFIDENTIAL', documentKind: 'EXHIBIT' },
    },
    english: 'The secretariat filed a confidential document (exhibit).',
  },
  {
    entry: {
      message: 'docket.fileDocument.withheld',
      params: { actor: 'China', classification: 'RESTRICTED', documentKind: 'FIRST_WRITTEN_SUBMISSION' },
    },
    english: 'China filed a restricted document (first written submission).',
  },
  {
    entry: { message: 'docket.addDisputeTranslation', params: { actor: 'China', language: 'fr' } },
    english: 'China filed the French text of the title and summary of the request for consultations.',
  },
  {
    entry: { message: 'docket.addDisputeTranslation', params: { actorOrgan: 'SECRETARIAT', language: 'zh' } },
    english: 'The secretariat filed the Chinese text of the title and summary of the request for consultations.',
  },
  {
    entry: { message: 'docket.addDocumentVersion.public', params: { actor: 'Pakistan', language: 'ru', title: 'Reply to the request' } },
    english: 'Pakistan filed the Russian version of "Reply to the request".',
  },
  {
    entry: {
      message: 'docket.addDocumentVersion.withheld',
      params: { actor: 'Pakistan', language: 'ar', classification: 'RESTRICTED', documentKind: 'FIRST_WRITTEN_SUBMISSION' },
    },
    english: 'Pakistan filed the Arabic version of a restricted document (first written submission).',
  },
  {
    entry: {
      message: 'docket.fileSummary',
      params: {
        actor: 'Pakistan',
        documentKind: 'REBUTTAL',
        title: 'Summary of the rebuttal of Pakistan',
        answered: ['Indonesia', 'Kazakhstan'],
      },
    },
    english:
      'Pakistan filed a non-confidential summary of its rebuttal (DSU 18.2): "Summary of the rebuttal of Pakistan". Requests for its summary ' +
      'answered: Indonesia (in time), Kazakhstan (in time).',
  },
  {
    entry: {
      message: 'docket.publishOwnSubmission',
      params: { actor: 'China', documentKind: 'FIRST_WRITTEN_SUBMISSION', answered: ['Indonesia'], answeredLate: ['Kazakhstan'] },
    },
    english:
      'China made its first written submission public (DSU 18.2). Requests for its summary answered: Indonesia (in time), Kazakhstan (late).',
  },
  {
    entry: { message: 'docket.publishOwnSubmission', params: { actor: 'China', documentKind: 'REBUTTAL' } },
    english: 'China made its rebuttal public (DSU 18.2).',
  },
  { entry: { message: 'docket.derestrictDocument', params: { title: 'Request' } }, english: 'Derestricted "Request"; it is now public.' },
  {
    entry: {
      message: 'docket.requestNonConfidentialSummary',
      params: { requester: 'Pakistan', author: 'China', documentKind: 'FIRST_WRITTEN_SUBMISSION', dueDay: '2026-06-01' },
    },
    english: 'Pakistan asked China for a non-confidential summary of its first written submission (DSU 18.2), due 2026-06-01.',
  },
];

/** The other messages: their English as the code wrote it before (the migration does not read these back). */
const WRITTEN_ELSEWHERE: { entry: DocketMessage; english: string }[] = [
  {
    entry: { message: 'docket.consentToNational', params: { actor: 'China', nationality: 'PAK', allAgreed: true } },
    english: 'China agreed (DSU 8.3) that a candidate who is a national of PAK may serve on the panel. All parties have now agreed.',
  },
  {
    entry: { message: 'docket.consentToNational', params: { actor: 'China', nationality: 'PAK', allAgreed: false } },
    english: 'China agreed (DSU 8.3) that a candidate who is a national of PAK may serve on the panel.',
  },
  {
    entry: { message: 'docket.electionFailed', params: { turnout: 2, electorate: 12, quorumPercent: 50, seed: 'ab12' } },
    english:
      'The election did not reach its quorum: 2 of 12 members voted, 50% were needed. The secretariat will open it again. Seed: ab12.',
  },
  {
    entry: {
      message: 'docket.composePanelByElection',
      params: {
        turnout: 9,
        electorate: 12,
        elected: ['Ana Ruiz', 'Li Wei', 'Omar Haddad'],
        chair: 'Ana Ruiz',
        published: true,
        publicationMin: 5,
        seed: 'ff00',
      },
    },
    english:
      'The panel was composed. The election closed: 9 of 12 members voted; elected Ana Ruiz (chair), Li Wei, Omar Haddad. The tie-break seed ff00 ' +
      'is published with the ballots and every stage of the count.',
  },
  {
    entry: {
      message: 'docket.electionClosed',
      params: { turnout: 3, electorate: 12, elected: ['Li Wei'], chair: null, published: false, publicationMin: 5, seed: 'ff00' },
    },
    english:
      'The election closed: 3 of 12 members voted; elected Li Wei. Fewer than 5 members voted: to keep each ballot secret, only the elected and the ' +
      'turnout are published, not the ballots or the stages of the count; each voter can still check their receipt. The tie-break seed is ff00.',
  },
  {
    entry: {
      message: 'docket.openElection',
      params: {
        seats: 3,
        candidateCount: 4,
        candidates: ['A', 'B', 'C', 'D'],
        electorate: 10,
        opensAt: '2026-01-01T09:00:00.000Z',
        closesAt: '2026-01-15T09:00:00.000Z',
        seedHash: 'abc',
      },
    },
    english:
      'The secretariat opened the election of 3 panelist seat(s) among 4 eligible candidates (A, B, C, D); 10 members vote from ' +
      '2026-01-01T09:00:00.000Z to 2026-01-15T09:00:00.000Z; tie-break seed SHA-256 abc.',
  },
  {
    entry: { message: 'docket.vacatePanelSeat.challenge', params: { person: 'Li Wei', member: 'China' } },
    english: 'Li Wei left the panel: the challenge by China was upheld (DSU 8.6). The seat will be filled by election.',
  },
  {
    entry: { message: 'docket.decideChallenge.upheld', params: { member: 'China', reasons: 'A close tie.' } },
    english: 'The secretariat upheld the challenge by China of a candidate (DSU 8.6): A close tie.',
  },
  {
    entry: {
      message: 'docket.scheduleHearing',
      params: {
        hearingKind: 'THIRD_PARTY_SESSION',
        startsAt: '2026-03-02T10:00:00+01:00',
        endsAt: '2026-03-02T13:00:00+01:00',
        timeZone: 'Europe/Zurich',
        venue: 'roomAndOnline',
        room: 'Council Room',
      },
    },
    english:
      'The third-party session is scheduled from 2026-03-02T10:00:00+01:00 to 2026-03-02T13:00:00+01:00 (Europe/Zurich) in Council Room and online.',
  },
  {
    entry: {
      message: 'docket.cancelHearing.stage',
      params: {
        hearingKind: 'FIRST_SUBSTANTIVE_MEETING',
        startsAt: '2026-03-02T10:00:00+01:00',
        endsAt: '2026-03-02T13:00:00+01:00',
        timeZone: 'Europe/Zurich',
        toStage: 'WITHDRAWN',
      },
    },
    english:
      'The first substantive meeting set from 2026-03-02T10:00:00+01:00 to 2026-03-02T13:00:00+01:00 (Europe/Zurich) is cancelled. It is not held: ' +
      'the dispute moved to Withdrawn.',
  },
  {
    entry: {
      message: 'docket.step.adoptReport',
      params: {
        meetingDay: '2026-09-01',
        meetingPresent: 9,
        meetingMembers: 12,
        present: ['CHN', 'PAK'],
        presentCount: 2,
        objecting: [],
        objectingCount: 0,
        late: 1,
        cutoffDay: '2026-08-22',
      },
    },
    english:
      'The body adopted the panel report. Meeting of the body of 2026-09-01, 9 of 12 members present; recorded by the secretariat. 2 member(s) ' +
      'present (CHN, PAK); 0 objected in time; 1 objection(s) filed after 2026-08-22 are not before this meeting (DSU 16.2).',
  },
  {
    entry: { message: 'docket.objectToAdoption.appellate.compliance', params: { actor: 'China', proceeding: 1 } },
    english: 'China objected to the adoption of the appellate report and the compliance report (proceeding 1, DSU 21.5) as modified by it.',
  },
];

/** The old engine's fill: `{actor}` by who acted, the first letter capitalised. */
function oldStepText(
  template: string,
  actor: string,
  values: { rule: string; until: string; rptEndsOn: string; effective: string },
): string {
  const text = template
    .replaceAll('{rule}', values.rule)
    .replaceAll('{until}', values.until)
    .replaceAll('{rptEndsOn}', values.rptEndsOn)
    .replaceAll('{effective}', values.effective)
    .replaceAll('{actor}', actor);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

describe('docket entries in English', () => {
  it.each([...WRITTEN, ...WRITTEN_ELSEWHERE].map((w) => [w.entry.message, w] as const))(
    '%s renders the sentence the docket wrote',
    (_, w) => {
      expect(renderDocketText(w.entry, 'en')).toBe(w.english);
    },
  );

  it.each(TRANSITIONS.map((t) => [t.action, t] as const))(
    'the engine step %s renders its old sentence, by a member and by an organ',
    (_, t) => {
      const values = { rule: citeRule('REPLY_TO_REQUEST'), until: '2026-04-01', rptEndsOn: '2027-01-05', effective: '2026-12-31' };
      const params = { rule: values.rule, untilDay: values.until, rptEndsDay: values.rptEndsOn, effectiveDay: values.effective };
      const message = `docket.step.${t.action}`;
      expect(renderDocketText({ message, params: { ...params, actor: 'China' } }, 'en')).toBe(oldStepText(t.docketText, 'China', values));
      expect(renderDocketText({ message, params: { ...params, actorOrgan: 'SECRETARIAT' } }, 'en')).toBe(
        oldStepText(t.docketText, 'the secretariat', values),
      );
      const noted = renderDocketText({ message, params: { ...params, actorOrgan: 'BODY', note: 'Reasons of our own.' } }, 'en');
      expect(noted).toBe(`${oldStepText(t.docketText, 'the body', values)} Reasons of our own.`);
    },
  );
});

describe('the migration reads the old English sentences back', () => {
  it.each(WRITTEN.map((w) => [w.entry.message, w] as const))(
    '%s: the message and parameters of the entry, and the same sentence again',
    (_, w) => {
      const parsed = parseLegacyDocketText(w.english);
      expect(parsed).toEqual({ message: w.entry.message, params: w.entry.params });
      expect(renderDocketText(parsed, 'en')).toBe(w.english);
    },
  );

  it.each(TRANSITIONS.map((t) => [t.action, t] as const))('the engine step %s, with a meeting of the body and a note', (_, t) => {
    const values = { rule: citeRule('REPLY_TO_REQUEST'), until: '2026-04-01', rptEndsOn: '2027-01-05', effective: '2026-12-31' };
    const old =
      `${oldStepText(t.docketText, 'the body', values)} Meeting of the body of 2026-09-01, 9 of 12 members present; recorded by the secretariat.` +
      ' The reasons: none.';
    const parsed = parseLegacyDocketText(old);
    expect(parsed.message).toBe(`docket.step.${t.action}`);
    expect(parsed.params).toMatchObject({ meetingDay: '2026-09-01', meetingPresent: 9, meetingMembers: 12, note: 'The reasons: none.' });
    if (t.docketText.includes('{actor}')) expect(parsed.params.actorOrgan).toBe('BODY');
    expect(renderDocketText(parsed, 'en')).toBe(old);
  });

  it('keeps a language sentence naming no working language as it is', () => {
    const text = 'China filed the Klingon text of the title and summary of the request for consultations.';
    expect(parseLegacyDocketText(text)).toEqual({ message: 'docket.verbatim', params: { text } });
  });

  it('keeps a sentence of no known shape as it is, in every language', () => {
    const parsed = parseLegacyDocketText('Benchmark event 7');
    expect(parsed).toEqual({ message: 'docket.verbatim', params: { text: 'Benchmark event 7' } });
    expect(renderDocketText(parsed, 'fr')).toBe('Benchmark event 7');
  });
});

function argumentNames(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date) into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) argumentNames(option.value, into);
    }
  }
  return into;
}

describe('the docket catalogue', () => {
  it('has every message the code writes', () => {
    const used = [...WRITTEN, ...WRITTEN_ELSEWHERE].map((w) => w.entry.message);
    expect(used.filter((key) => !(key in english))).toEqual([]);
  });

  it.each([...WRITTEN, ...WRITTEN_ELSEWHERE].map((w) => [w.entry.message, w] as const))(
    '%s names exactly the parameters its call site passes',
    (_, w) => {
      const addenda: readonly string[] = ADDENDUM_PARAMS;
      const given = Object.keys(w.entry.params).filter((name) => !addenda.includes(name) && name !== 'actorOrgan' && name !== 'chair');
      if ('actorOrgan' in w.entry.params) given.push('actor');
      expect([...argumentNames(parse(english[w.entry.message], { ignoreTag: true }))].sort()).toEqual(given.sort());
    },
  );
});
