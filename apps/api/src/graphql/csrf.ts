/**
 * Apollo's CSRF prevention (app.module.ts, `csrfPrevention`): a GET, or a POST a browser could send
 * cross-site (a form's content type), needs one of these headers, which only a preflighted request
 * can carry: Apollo's two, or a name that does not name the server's software.
 */
export const CSRF_PREFLIGHT_HEADERS = ['graphql-require-preflight', 'apollo-require-preflight', 'x-apollo-operation-name'];

const SIMPLE_CONTENT_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * Apollo's own test, for the answers served before Apollo (the cache of public answers): a request
 * it would refuse is handed on to it, to be refused there as always.
 */
export function passesPreflightCheck(headers: Record<string, string | string[] | undefined>): boolean {
  const contentType = headers['content-type'];
  if (typeof contentType === 'string') {
    const mime = contentType.split(';')[0].trim().toLowerCase();
    if (mime && !SIMPLE_CONTENT_TYPES.has(mime)) return true;
  }
  return CSRF_PREFLIGHT_HEADERS.some((name) => headers[name] !== undefined && headers[name] !== '');
}
