import { DomainError } from '@app/core';
import { parseLanguage, parseOptionalLanguage } from './language';
import { inLanguage, parseTranslations } from './translations';

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (e) {
    return e instanceof DomainError ? [e.category, e.code, e.details.field] : e;
  }
  return null;
};

describe('language codes', () => {
  it('takes the six working languages in any case and spacing', () => {
    expect(['en', 'ZH', ' fr ', 'Es', 'ru', 'ar'].map((l) => parseLanguage(l, 'language'))).toEqual(['en', 'zh', 'fr', 'es', 'ru', 'ar']);
    expect(parseOptionalLanguage(null, 'language')).toBeNull();
    expect(parseOptionalLanguage(undefined, 'language')).toBeNull();
  });

  it.each(['de', 'fr-CH', 'zh-Hans', '', 'english'])('refuses %j as UNKNOWN_LANGUAGE naming the field', (code) => {
    expect(codeOf(() => parseLanguage(code, 'input.language'))).toEqual(['BAD_USER_INPUT', 'UNKNOWN_LANGUAGE', 'input.language']);
  });
});

describe('translations of a filing', () => {
  it('checks each language, names the one refused, and refuses the filing language', () => {
    expect(parseTranslations('fr', [{ language: 'EN', title: 'T' }], 'input.translations')).toEqual([{ language: 'en', title: 'T' }]);
    expect(parseTranslations('fr', null, 'input.translations')).toEqual([]);
    expect(codeOf(() => parseTranslations('fr', [{ language: 'en' }, { language: 'xx' }], 'input.translations'))).toEqual([
      'BAD_USER_INPUT',
      'UNKNOWN_LANGUAGE',
      'input.translations[1].language',
    ]);
    expect(codeOf(() => parseTranslations('ru', [{ language: 'Ru' }], 'input.translations'))).toEqual([
      'BAD_USER_INPUT',
      'TRANSLATION_IN_FILING_LANGUAGE',
      'input.translations[0].language',
    ]);
  });

  it('gives the text in the language asked for, else as filed', () => {
    expect(inLanguage('中国的通知', { en: 'Notification by China' }, 'en')).toBe('Notification by China');
    expect(inLanguage('中国的通知', { en: 'Notification by China' }, 'ar')).toBe('中国的通知');
    expect(inLanguage('中国的通知', { en: 'Notification by China' }, null)).toBe('中国的通知');
  });
});
