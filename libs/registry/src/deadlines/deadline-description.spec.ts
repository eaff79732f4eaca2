import { LANGUAGES, catalogues } from '@app/i18n';
import { DEADLINE_RULES, DEADLINE_RULE_CODES } from '@app/procedure';
import { LIMITS_NAMESPACE, limitDescription } from './deadline-description';

describe('limitDescription', () => {
  const all = catalogues();

  it.each(LANGUAGES)('has a description of every time limit of the procedure in %s, and nothing else', (language) => {
    const keys = Object.keys(all[language]).filter((key) => key.startsWith(`${LIMITS_NAMESPACE}.`));
    expect(keys.sort()).toEqual(DEADLINE_RULE_CODES.map((code) => `${LIMITS_NAMESPACE}.${code}`).sort());
    for (const code of DEADLINE_RULE_CODES) expect(limitDescription(language, code).length).toBeGreaterThan(3);
  });

  it("gives an English reader the rule's own description, word for word", () => {
    for (const code of DEADLINE_RULE_CODES) expect(limitDescription('en', code)).toBe(DEADLINE_RULES[code].description);
  });

  it('translates every limit: no other language repeats the English sentence', () => {
    for (const language of LANGUAGES.filter((l) => l !== 'en'))
      for (const code of DEADLINE_RULE_CODES) expect(limitDescription(language, code)).not.toBe(DEADLINE_RULES[code].description);
  });

  it('cites the same provisions in every language, in the way of each language', () => {
    // DSU 18.2 is "article 18:2" in French legal usage and "párrafo 2 del artículo 18" in Spanish
    // (as the site's catalogues write them); RCEP Article 19.11 keeps its number everywhere.
    const citations = (language: string, n: string): string[] => {
      const [article, paragraph] = n.split('.');
      return [
        n,
        ...(language === 'fr' ? [`${article}:${paragraph}`] : []),
        ...(language === 'es' ? [`párrafo ${paragraph} del artículo ${article}`] : []),
      ];
    };
    for (const code of DEADLINE_RULE_CODES) {
      const numbers = DEADLINE_RULES[code].description.match(/\d+\.\d+/g) ?? [];
      for (const language of LANGUAGES)
        for (const n of numbers) expect(citations(language, n).some((c) => limitDescription(language, code).includes(c))).toBe(true);
    }
  });
});
