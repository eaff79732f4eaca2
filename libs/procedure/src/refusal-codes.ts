import type { RefusalCode } from './refusals';

/**
 * The engine's refusals as a client gets them: the code is also the category. Declared here, with
 * the refusals, so that the engine stays free of the framework; the registry's error catalogue
 * takes them in.
 */
export const REFUSAL_ERRORS: { readonly [Code in RefusalCode]: { readonly category: Code; readonly meaning: string } } = {
  INVALID_TRANSITION: {
    category: 'INVALID_TRANSITION',
    meaning:
      "The step is not possible at the dispute's stage, or a condition other than time is not met (the message names the rule): see allowedActions",
  },
  FORBIDDEN: { category: 'FORBIDDEN', meaning: 'The caller may not take this step in this dispute (the message names who may)' },
  NOT_YET_ALLOWED: { category: 'NOT_YET_ALLOWED', meaning: 'A period must run first: retry from allowedFrom, when a date decides it' },
  DEADLINE_PASSED: { category: 'DEADLINE_PASSED', meaning: 'The period for this step has ended (the message names the time limit)' },
};
