// The docket entries of the language commands (addDisputeTranslation, addDocumentVersion), as
// messages of the docket catalogue. The docket is public: a document's title is a parameter only
// when the document is PUBLIC; otherwise its kind and classification say what was filed.
import type { Language } from '@app/i18n';
import type { Classification } from '../documents/document.entity';
import type { DocketMessage, DocketParams } from '../docket/docket-text';

/** "China filed the French text of the title and summary of the request for consultations." */
export function disputeTranslationEntry(who: DocketParams, language: Language): DocketMessage {
  return { message: 'docket.addDisputeTranslation', params: { ...who, language } };
}

export interface VersionedDocument {
  title: string;
  classification: Classification;
  kind: string;
}

/** 'Pakistan filed the Russian version of "Reply to the request".' or, not public, '… of a restricted document (reply).' */
export function documentVersionEntry(who: DocketParams, language: Language, doc: VersionedDocument): DocketMessage {
  return doc.classification === 'PUBLIC'
    ? { message: 'docket.addDocumentVersion.public', params: { ...who, language, title: doc.title } }
    : {
        message: 'docket.addDocumentVersion.withheld',
        params: { ...who, language, classification: doc.classification, documentKind: doc.kind },
      };
}
