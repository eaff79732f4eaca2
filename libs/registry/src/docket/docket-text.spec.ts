import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, catalogues } from '@app/i18n';
import { TRANSITIONS } from '@app/procedure';
import { ADDENDUM_PARAMS, moveItem, renderDocketText, type DocketMessage } from './docket-text';

const all = catalogues();
const LIBS = join(__dirname, '..', '..', '..');

function sources(dir: string, into: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, into);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) into.push(path);
  }
  return into;
}

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

describe('the docket messages the code writes', () => {
  // The libs that append to the docket (notices reads it: its `docket.entry` is a webhook event).
  const code = ['registry', 'panels', 'hearings', 'rulings']
    .flatMap((lib) => sources(join(LIBS, lib, 'src')))
    .map((path) => readFileSync(path, 'utf8'));
  const literal = [...new Set(code.flatMap((text) => [...text.matchAll(/'(docket\.[A-Za-z0-9_.]+)'/g)].map((m) => m[1])))];

  it('finds the call sites (a scan that finds nothing would pass for nothing)', () => {
    expect(literal.length).toBeGreaterThan(40);
    expect(literal).toContain('docket.fileDocument.withheld');
  });

  it('every key written as a literal is in the English catalogue, hence in all six', () => {
    expect(literal.filter((key) => !(key in all.en))).toEqual([]);
  });

  it("every engine step has its message, and it names only the inputs the engine gives (with {actor}, the service's)", () => {
    const engine = new Set(['actor', 'rule', 'untilDay', 'rptEndsDay', 'effectiveDay']);
    for (const t of TRANSITIONS) {
      const key = `docket.step.${t.action}`;
      expect([key, key in all.en]).toEqual([key, true]);
      const names = [...argumentNames(parse(all.en[key], { ignoreTag: true }))];
      expect([key, names.filter((n) => !engine.has(n))]).toEqual([key, []]);
    }
  });

  it('the keys built from parts (objection to adoption) exist in every combination', () => {
    for (const round of ['', 'appellate.'])
      for (const report of ['panel', 'compliance']) expect(`docket.objectToAdoption.${round}${report}` in all.en).toBe(true);
  });

  it('the catalogue has no message the code never writes', () => {
    const built = (key: string) =>
      key.startsWith('docket.step.') ||
      key.startsWith('docket.objectToAdoption.') ||
      /^docket\.(organ|documentKind|hearingKind|classification|addendum)\./.test(key) ||
      ['docket.verbatim', 'docket.chair', 'docket.limitMoved', 'docket.correction'].includes(key);
    expect(Object.keys(all.en).filter((key) => key.startsWith('docket.') && !built(key) && !literal.includes(key))).toEqual([]);
  });
});

describe('renderDocketText', () => {
  const filed: DocketMessage = {
    message: 'docket.fileDocument.withheld',
    params: { actorOrgan: 'PANEL', classification: 'CONFIDENTIAL', documentKind: 'EXHIBIT' },
  };

  it('renders an organ, a classification and a kind of document in the reader’s language', () => {
    expect(renderDocketText(filed, 'fr')).toBe('Le groupe spécial a déposé un document confidentiel (pièce justificative).');
    expect(renderDocketText(filed, 'es')).toBe('El Grupo Especial presentó un documento confidencial (prueba documental).');
    expect(renderDocketText(filed, 'ar')).toBe('الفريق: إيداع وثيقة سرية (مستند إثبات).');
    expect(renderDocketText(filed, 'zh')).toBe('专家组提交了一份机密文件（证据）。');
  });

  it('keeps a member’s name and free text as written, and renders days in the language (ISO in English)', () => {
    const extension: DocketMessage = {
      message: 'docket.step.recordExtension',
      params: { rule: 'REPLY_TO_REQUEST, DSU 4.3', untilDay: '2027-01-05', note: 'Agreed by letter of 2 January.' },
    };
    expect(renderDocketText(extension, 'en')).toBe(
      'The parties agreed to extend REPLY_TO_REQUEST, DSU 4.3 to 2027-01-05. Agreed by letter of 2 January.',
    );
    expect(renderDocketText(extension, 'fr')).toBe(
      'Les parties sont convenues de proroger REPLY_TO_REQUEST, DSU 4.3 jusqu’au 5 janvier 2027. Agreed by letter of 2 January.',
    );
    expect(renderDocketText(extension, 'ru')).toContain('5 января 2027');
    const withdrawn: DocketMessage = { message: 'docket.step.withdraw', params: { actor: 'China' } };
    expect(renderDocketText(withdrawn, 'fr')).toBe('China a retiré sa plainte.');
    expect(renderDocketText(withdrawn, 'ar')).toBe('China: سحب الشكوى.');
  });

  it('renders a stage, the moved limits and the chair mark through the catalogue', () => {
    expect(
      renderDocketText(
        {
          message: 'docket.deadlinesMoved.reopened',
          params: { closedDay: '2026-05-01', reason: 'Fête', moves: [moveItem('REPLY_TO_REQUEST', 'DSU 4.3', '2026-05-01', '2026-05-04')] },
        },
        'fr',
      ),
    ).toBe(
      'Délais reportés parce que le 1 mai 2026 (Fête) n’est plus un jour de fermeture : REPLY_TO_REQUEST (DSU 4.3) vient désormais à échéance le 1 mai 2026 au lieu du 4 mai 2026.',
    );
    const closed: DocketMessage = {
      message: 'docket.electionClosed',
      params: {
        turnout: 9,
        electorate: 12,
        elected: ['Ana Ruiz', 'Li Wei'],
        chair: 'Ana Ruiz',
        published: true,
        publicationMin: 5,
        seed: 'ff',
      },
    };
    expect(renderDocketText(closed, 'zh')).toContain('Ana Ruiz（主席）、Li Wei');
    expect(renderDocketText(closed, 'es')).toContain('Ana Ruiz (presidente), Li Wei');
  });

  it('renders every message of the catalogue in every language with the arguments it names', () => {
    const problems: string[] = [];
    for (const [key, source] of Object.entries(all.en)) {
      if (!key.startsWith('docket.')) continue;
      const params: Record<string, string | number | boolean | string[]> = {};
      for (const name of argumentNames(parse(source, { ignoreTag: true }))) params[name] = name.endsWith('Day') ? '2026-01-02' : 1;
      if ('actor' in params) params.actor = 'China';
      for (const name of ['documentKind', 'hearingKind', 'toStage'])
        if (name in params) params[name] = name === 'toStage' ? 'ADOPTED' : name === 'hearingKind' ? 'THIRD_PARTY_SESSION' : 'EXHIBIT';
      if ('classification' in params) params.classification = 'RESTRICTED';
      if ('moves' in params) params.moves = [moveItem('REPLY_TO_REQUEST', 'DSU 4.3', '2026-01-02', '2026-01-01')];
      for (const name of ['startsAt', 'endsAt', 'formerStartsAt', 'formerEndsAt', 'opensAt', 'closesAt'])
        if (name in params) params[name] = '2026-01-02T10:00:00+01:00';
      for (const name of ['timeZone', 'formerTimeZone']) if (name in params) params[name] = 'Europe/Zurich';
      for (const language of LANGUAGES) {
        try {
          const text = renderDocketText({ message: key, params }, language);
          if (!text.trim()) problems.push(`${language} ${key}: empty`);
        } catch (error) {
          problems.push(`${language} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists the parameters that add a sentence of their own', () => {
    expect(ADDENDUM_PARAMS).toEqual(expect.arrayContaining(['meetingDay', 'note', 'answered', 'present']));
  });
});
