import { TYPE, parse } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogues } from './catalogues';
import { LANGUAGES } from './languages';
import { translate } from './translate';

/** The argument names a message uses, with their kind (a plural's `count` must stay a plural). */
function argumentsOf(elements: MessageFormatElement[], into = new Map<string, string>()): Map<string, string> {
  for (const element of elements) {
    if (element.type === TYPE.argument) into.set(element.value, into.get(element.value) ?? 'argument');
    if (element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time)
      into.set(element.value, TYPE[element.type]);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.set(element.value, TYPE[element.type]);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

const all = catalogues();
const englishKeys = Object.keys(all.en).sort();

describe('message catalogues', () => {
  it('has English messages to compare against', () => {
    expect(englishKeys.length).toBeGreaterThan(20);
    expect(englishKeys).toContain('stage.ADOPTED');
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the keys English has', (language) => {
    const keys = Object.keys(all[language]).sort();
    expect({ missing: englishKeys.filter((k) => !keys.includes(k)), extra: keys.filter((k) => !englishKeys.includes(k)) }).toEqual({
      missing: [],
      extra: [],
    });
  });

  it.each([...LANGUAGES])('every %s message is valid ICU MessageFormat with the arguments of the English one', (language) => {
    const problems: string[] = [];
    for (const [key, source] of Object.entries(all[language])) {
      let args: Map<string, string>;
      try {
        args = argumentsOf(parse(source, { requiresOtherClause: true, ignoreTag: true }));
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
        continue;
      }
      const english = all.en[key];
      if (english === undefined) continue;
      const expected = argumentsOf(parse(english, { ignoreTag: true }));
      const names = (m: Map<string, string>) => [...m.entries()].map(([n, k]) => `${n}:${k === 'argument' ? '' : k}`).sort();
      // A translation may drop a plural in a language without plural forms (Chinese), but not rename or lose an argument.
      const plainNames = (m: Map<string, string>) => [...m.keys()].sort();
      if (plainNames(args).join() !== plainNames(expected).join())
        problems.push(`${key}: arguments ${names(args).join(' ')} ≠ English ${names(expected).join(' ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('tells a missing key in one language from a catalogue it has (the check above would fail on this folder)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalogues-'));
    for (const language of LANGUAGES) mkdirSync(join(dir, language));
    writeFileSync(join(dir, 'en', 'x.json'), JSON.stringify({ a: 'A', b: 'B' }));
    writeFileSync(join(dir, 'fr', 'x.json'), JSON.stringify({ a: 'A' }));
    const partial = catalogues(dir);
    expect(Object.keys(partial.en)).toEqual(['x.a', 'x.b']);
    expect(Object.keys(partial.fr)).toEqual(['x.a']);
  });
});

describe('translate', () => {
  it('fills arguments with the language plural rules', () => {
    expect(translate('en', 'common.days', { count: 1 })).toBe('1 day');
    expect(translate('en', 'common.days', { count: 30 })).toBe('30 days');
    expect(translate('ru', 'common.days', { count: 21 })).toBe('21 день');
    expect(translate('ru', 'common.days', { count: 5 })).toBe('5 дней');
    expect(translate('ar', 'common.days', { count: 2 })).toBe('يومان');
    expect(translate('fr', 'stage.ADOPTED')).toBe('Rapport adopté');
  });

  it('refuses a key no catalogue has', () => {
    expect(() => translate('en', 'stage.NO_SUCH_STAGE')).toThrow('No message stage.NO_SUCH_STAGE');
  });
});
