// The docket texts of the language commands (addDisputeTranslation, addDocumentVersion), in one
// place so that they move together into the docket's messages. The docket is public: a document's
// title appears only when the document is PUBLIC; otherwise its kind and classification.
import type { Language } from '@app/i18n';

/** The working languages by their English names, as the docket (in English) names them. */
export const LANGUAGE_NAMES_IN_ENGLISH: Record<Language, string> = {
  en: 'English',
  zh: 'Chinese',
  fr: 'French',
  es: 'Spanish',
  ru: 'Russian',
  ar: 'Arabic',
};

/** "China filed the French text of the title and summary of its request." */
export function disputeTranslationText(who: string, language: Language): string {
  return `${who} filed the ${LANGUAGE_NAMES_IN_ENGLISH[language]} text of the title and summary of the request for consultations.`;
}

export interface VersionedDocument {
  title: string;
  classification: 'PUBLIC' | 'RESTRICTED' | 'CONFIDENTIAL';
  /** The kind in words (document-rules' kindLabel). */
  kindLabel: string;
}

/** 'Pakistan filed the Russian version of "Reply to the request".' or, not public, '… of a restricted document (reply).' */
export function documentVersionText(who: string, language: Language, doc: VersionedDocument): string {
  const what = doc.classification === 'PUBLIC' ? `"${doc.title}"` : `a ${doc.classification.toLowerCase()} document (${doc.kindLabel})`;
  return `${who} filed the ${LANGUAGE_NAMES_IN_ENGLISH[language]} version of ${what}.`;
}
