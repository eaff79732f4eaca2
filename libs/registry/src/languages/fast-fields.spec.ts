import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { DeadlineFieldsResolver } from '../deadlines/deadline-fields.resolver';
import { DisputeFieldsResolver } from '../disputes/dispute-fields.resolver';
import { DocketResolver } from '../docket/docket.resolver';
import { DocumentsResolver } from '../documents/documents.resolver';
import { DisputeLanguagesResolver, DocumentLanguagesResolver } from './languages.resolver';

/**
 * The fields asked for on every row of the registry's lists. @nestjs/graphql binds a field method
 * to the schema as it is only when it has no parameter for Nest to resolve (no route-argument
 * metadata); one `@Parent()`, `@Context()` or `@Args()` puts each call of it through Nest's context
 * creator and the validation pipe again, which on `Dispute.title` alone cost about 14 % of the
 * docket list's CPU time (bench/RESULTS.md).
 */
const FAST: [string, object, string[]][] = [
  ['Dispute', DisputeFieldsResolver, ['parties', 'complainant', 'respondents', 'thirdParties', 'deadlines', 'nextDeadline']],
  ['Dispute', DisputeLanguagesResolver, ['title', 'summary', 'languages']],
  ['Document', DocumentLanguagesResolver, ['title', 'titleLanguages', 'languages']],
  ['Document', DocumentsResolver, ['dispute', 'filedFor']],
  ['DocketEntry', DocketResolver, ['text']],
  ['Deadline', DeadlineFieldsResolver, ['dispute', 'description']],
];

describe("the fields of a list's rows", () => {
  it.each(FAST)('%s (%p): graphql-js calls each method itself', (_type, resolver, fields) => {
    for (const field of fields) {
      expect(typeof (resolver as { prototype: Record<string, unknown> }).prototype[field]).toBe('function');
      expect([field, Reflect.getMetadata(ROUTE_ARGS_METADATA, resolver, field)]).toEqual([field, undefined]);
    }
  });
});
