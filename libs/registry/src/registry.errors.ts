import { CORE_ERRORS, DomainError, type ErrorCatalogue } from '@app/core';
import { REFUSAL_ERRORS, type Refusal } from '@app/procedure';

/**
 * The codes of `libs/registry`: disputes and their parties, the docket, documents, closed days,
 * the body's meetings, and the procedure engine's refusals (declared with the engine,
 * `procedure/refusal-codes.ts`).
 */
export const REGISTRY_ERRORS = {
  ...REFUSAL_ERRORS,

  // Disputes and parties
  DISPUTE_NOT_FOUND: {
    category: 'NOT_FOUND',
    meaning: 'No dispute has that id or docket number, or the caller may not see it: check the reference',
  },
  DISPUTE_REF_REQUIRED: { category: 'BAD_USER_INPUT', meaning: 'Name the dispute by its id or its docket number (e.g. DS12)' },
  SELF_RESPONDENT: {
    category: 'BAD_USER_INPUT',
    meaning: 'The complainant is among the respondents: a member does not complain against itself',
  },
  UNKNOWN_MEMBER: CORE_ERRORS.UNKNOWN_MEMBER,
  MEMBER_SUSPENDED: {
    category: 'FORBIDDEN',
    meaning: 'The member is suspended and may not take this step (file, nominate) until it is reinstated',
  },
  MEMBER_CODE_REQUIRED: {
    category: 'BAD_USER_INPUT',
    meaning: 'Name the member whose request to join the consultations is answered (memberCode)',
  },
  NO_JOIN_REQUEST: {
    category: 'INVALID_TRANSITION',
    meaning: 'That member has no pending request to join the consultations (none, or already answered)',
  },
  ALREADY_THIRD_PARTY: {
    category: 'CONFLICT',
    meaning: 'The member is already a third party (or has asked to be) in these consultations or panel proceedings',
  },

  // The docket, closed days and the body's meetings
  DOCKET_ENTRY_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No docket entry has that id, or the caller may not see it' },
  CLOSED_DAY_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'That day is not a closed day of the body: nothing to reopen' },
  BODY_MEETING_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No meeting of the body has that id' },
  MEETING_IN_THE_PAST: { category: 'BAD_USER_INPUT', meaning: 'A meeting of the body is scheduled for a day after today' },
  MEETING_NOT_HELD: { category: 'NOT_YET_ALLOWED', meaning: "A meeting's attendance is recorded from the day it is held (allowedFrom)" },

  // The body's public record (README, Public pages)
  PERIOD_INVALID: {
    category: 'BAD_USER_INPUT',
    meaning: 'A report covers a period of days that ends on or after the day it begins, ten years at most',
  },

  // Documents
  DOCUMENT_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No document has that id, or the caller may not read it' },
  DOCUMENT_CONTENT_NOT_FOUND: {
    category: 'NOT_FOUND',
    meaning: "The document's content is not stored (the file is gone): tell the secretariat",
  },
  KIND_FILED_BY_OWN_STEP: {
    category: 'BAD_USER_INPUT',
    meaning: 'This kind of document is filed by the procedural step that makes it (the message names it), not fileDocument',
  },
  READERS_NOT_ALLOWED: { category: 'BAD_USER_INPUT', meaning: 'Only a CONFIDENTIAL document names its readers: leave readerIds out' },
  PANEL_ONLY_NOT_ALLOWED: {
    category: 'BAD_USER_INPUT',
    meaning: 'Only a CONFIDENTIAL document is marked for the panel: the panel reads RESTRICTED documents anyway',
  },
  CONFIDENTIAL_WITHOUT_READERS: {
    category: 'BAD_USER_INPUT',
    meaning: 'A CONFIDENTIAL document names a reader besides its filer, or is for the panel (panelOnly)',
  },
  SUMMARY_OF_REQUIRED: {
    category: 'BAD_USER_INPUT',
    meaning: 'A non-confidential summary names the written submission it summarises (summaryOf)',
  },
  SUMMARY_NOT_PUBLIC: { category: 'BAD_USER_INPUT', meaning: 'A non-confidential summary is filed PUBLIC (DSU 18.2)' },
  SUMMARY_OF_NOT_ALLOWED: {
    category: 'BAD_USER_INPUT',
    meaning: 'Only a NON_CONFIDENTIAL_SUMMARY names a submission it summarises: leave summaryOf out',
  },
  SUMMARY_OF_ANOTHER_DISPUTE: { category: 'BAD_USER_INPUT', meaning: 'A summary is filed in the dispute of the submission it summarises' },
  SUMMARY_ALREADY_FILED: {
    category: 'INVALID_TRANSITION',
    meaning: 'The non-confidential summary of this submission is filed already (the message names it)',
  },
  SUMMARY_ALREADY_REQUESTED: { category: 'CONFLICT', meaning: "The caller's member has already asked for a summary of this submission" },
  IDEMPOTENCY_KEY_REUSED: {
    category: 'CONFLICT',
    meaning: 'The idempotency key was used for a different filing (differs names what differs): use a new key for a new filing',
  },
  NOT_INVOLVED: { category: 'FORBIDDEN', meaning: 'Only the parties, third parties, the panel and the secretariat file in this dispute' },
  NOT_PANEL_THIRD_PARTY: {
    category: 'FORBIDDEN',
    meaning: 'Only a third party in the panel proceedings files a third-party submission: join them first (joinPanelAsThirdParty)',
  },
  UNKNOWN_READER: { category: 'BAD_USER_INPUT', meaning: 'A reader named is not an active user (the message names the ids)' },
  EMPTY_DOCUMENT: { category: 'BAD_USER_INPUT', meaning: "The document's content is empty" },
  DOCUMENT_TOO_LARGE: {
    category: 'PAYLOAD_TOO_LARGE',
    meaning: 'The document is larger than the limit (limit gives it in bytes): send a smaller file',
  },
  UPLOAD_NOT_FOUND: {
    category: 'NOT_FOUND',
    meaning: 'No upload of yours has that id, or it expired before a filing took it: upload the file again',
  },
  UPLOAD_ALREADY_USED: {
    category: 'CONFLICT',
    meaning: 'The upload was filed already; a retry of that filing sends its idempotency key, another filing a new upload',
  },
  UPLOAD_DIGEST_MISMATCH: {
    category: 'BAD_USER_INPUT',
    meaning: 'The content received does not have the SHA-256 announced in X-Content-SHA256 (or that is not 64 hex digits): send it again',
  },
  UPLOADS_BUSY: {
    category: 'UNAVAILABLE',
    meaning:
      'The API process receives as many uploads as it may at once (UPLOAD_CONCURRENCY); nothing of this one was read: send it again after Retry-After (retryAfterSeconds)',
  },
  UPLOAD_IDLE_TIMEOUT: {
    category: 'BAD_USER_INPUT',
    meaning:
      'Nothing of the upload arrived for UPLOAD_IDLE_TIMEOUT_SECONDS: it was abandoned, its connection closed and nothing of it kept; send it again',
  },
  UPLOAD_CONTENT_TYPE: {
    category: 'BAD_USER_INPUT',
    meaning: 'An upload is the file itself as the body (e.g. Content-Type: application/octet-stream), not JSON nor a form',
  },
  CONTENT_OR_UPLOAD: {
    category: 'BAD_USER_INPUT',
    meaning: 'A file is given either as content (base64) or as uploadId (POST /uploads): exactly one of them',
  },
  NOT_RESTRICTED: { category: 'BAD_USER_INPUT', meaning: 'Only a RESTRICTED document is derestricted; this one is PUBLIC or CONFIDENTIAL' },
  NEVER_PUBLIC: { category: 'INVALID_TRANSITION', meaning: 'This kind of document is never made public (the message says why)' },
  NOT_YOUR_SUBMISSION: {
    category: 'FORBIDDEN',
    meaning: 'Only the member that filed a written submission makes it public or files its summary (DSU 18.2)',
  },
  NOT_A_WRITTEN_SUBMISSION: {
    category: 'BAD_USER_INPUT',
    meaning: 'The document is not a written submission to the panel, which alone is made public or summarised (DSU 18.2)',
  },
  ALREADY_PUBLIC: { category: 'INVALID_TRANSITION', meaning: 'The submission is public already: nothing to do' },
  CONFIDENTIAL_INFORMATION: {
    category: 'INVALID_TRANSITION',
    meaning: 'The submission holds confidential information and is not made public: file a non-confidential version as PUBLIC',
  },
  NOT_A_PARTY_SUBMISSION: { category: 'BAD_USER_INPUT', meaning: "Summaries are asked of the parties' submissions only (DSU 18.2)" },
  OWN_SUBMISSION: {
    category: 'FORBIDDEN',
    meaning: 'A member does not ask for a summary of its own submission: it may make it public or file the summary unasked',
  },

  // Languages (issue 17): texts and versions in the working languages
  UNKNOWN_LANGUAGE: CORE_ERRORS.UNKNOWN_LANGUAGE,
  TRANSLATION_IN_FILING_LANGUAGE: {
    category: 'BAD_USER_INPUT',
    meaning:
      'A translation is in the language the dispute or document was filed in, whose text is the filing itself: pick another language',
  },
  DUPLICATE: CORE_ERRORS.DUPLICATE,
  NOT_THE_COMPLAINANT: {
    category: 'FORBIDDEN',
    meaning:
      "Only a delegate of the complaining member or the secretariat files the texts of a dispute's title and summary in other languages",
  },
  NOT_THE_FILER: {
    category: 'FORBIDDEN',
    meaning: 'Only the filer, a delegate of the member that filed the document, or the secretariat files a language version of it',
  },
  DOCUMENT_VERSION_EXISTS: {
    category: 'CONFLICT',
    meaning: 'The document already has a file in that language (its own, or a version filed before)',
  },
  DOCUMENT_VERSION_NOT_FOUND: {
    category: 'NOT_FOUND',
    meaning: 'The document has no version in the language asked for (`languages` lists those it has)',
  },
} as const satisfies ErrorCatalogue;

/** A code of `libs/registry`. */
export type RegistryErrorCode = keyof typeof REGISTRY_ERRORS;

declare module '@app/core' {
  interface ErrorCatalogues {
    registry: typeof REGISTRY_ERRORS;
  }
}

/** The engine's refusal as the error a client gets: its code is the category. */
export function refusalError(refusal: Refusal): DomainError {
  return new DomainError(refusal.code, refusal.code, refusal.message, refusal.allowedFrom ? { allowedFrom: refusal.allowedFrom } : {});
}
