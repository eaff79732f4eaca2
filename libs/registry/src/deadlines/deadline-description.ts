import { translate, type Language } from '@app/i18n';
import type { DeadlineRuleCode } from '@app/procedure';

/** The catalogue namespace of the limits' descriptions: libs/i18n/messages/<language>/limits.json, keyed by rule. */
export const LIMITS_NAMESPACE = 'limits';

/**
 * A time limit in one sentence, in the reader's language. The English catalogue is the rule's own
 * `description` word for word (deadline-description.spec.ts), so an English reader reads what the
 * procedure says; the other languages keep the DSU article numbers as they are.
 */
export function limitDescription(language: Language, rule: DeadlineRuleCode): string {
  return translate(language, `${LIMITS_NAMESPACE}.${rule}`);
}
