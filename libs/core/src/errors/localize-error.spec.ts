import type { GraphQLFormattedError } from 'graphql';
import { errorMessageKey, localizeError } from './localize-error';

describe('localizeError', () => {
  const notFound: GraphQLFormattedError = {
    message: 'Dispute DS999 was not found',
    path: ['dispute'],
    extensions: { code: 'NOT_FOUND', domainCode: 'DISPUTE_NOT_FOUND' },
  };

  it('leaves English exactly as it was', () => {
    expect(localizeError(notFound, 'en')).toBe(notFound);
  });

  it('words the message from the domain code and keeps the English one as detail, code and path unchanged', () => {
    expect(localizeError(notFound, 'fr')).toEqual({
      message: 'Aucun différend ne correspond à cette référence.',
      path: ['dispute'],
      extensions: { code: 'NOT_FOUND', domainCode: 'DISPUTE_NOT_FOUND', detail: 'Dispute DS999 was not found' },
    });
    expect(localizeError(notFound, 'ar').message).toBe('لم يُعثر على نزاع بهذا المرجع.');
    expect(localizeError(notFound, 'zh').message).toBe('未找到使用该编号的争端。');
  });

  it("falls back on extensions.code when there is no domain code, and adds no detail when the English says no more than the catalogue's", () => {
    const internal = {
      message: 'Something went wrong on the server: try again later or report the problem.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
    expect(localizeError(internal, 'es')).toEqual({
      message: 'Se produjo un error en el servidor: inténtelo de nuevo más tarde o informe del problema.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(errorMessageKey({ code: 'GRAPHQL_VALIDATION_FAILED' })).toBe('errors.GRAPHQL_VALIDATION_FAILED');
  });

  it('leaves an error whose code the catalogue lacks, or that has none, in English', () => {
    const unknown = { message: 'Odd', extensions: { code: 'SOMETHING_ELSE' } };
    expect(localizeError(unknown, 'ru')).toBe(unknown);
    const bare = { message: 'Bare' };
    expect(localizeError(bare, 'ru')).toBe(bare);
  });
});
