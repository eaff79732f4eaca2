import type { ArgumentsHost } from '@nestjs/common';
import { NotFoundException } from '@nestjs/common';
import { DomainError, badInput, notFound } from './domain-error';
import { HttpErrorFilter } from './http-exception.filter';

/** What the filter writes: status, headers and the JSON body, through a fake Fastify reply. */
function answer(
  exception: unknown,
  req: { query?: unknown; headers: Record<string, string>; user?: unknown; raw?: { complete: boolean } },
  streaming = false,
) {
  const out = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown, destroyed: false };
  const res = {
    sent: false,
    raw: { headersSent: streaming, destroy: () => (out.destroyed = true) },
    code: (s: number) => ((out.status = s), res),
    header: (name: string, value: string) => ((out.headers[name.toLowerCase()] = value), res),
    send: (body: string) => ((out.body = JSON.parse(body)), res),
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  new HttpErrorFilter().catch(exception, host);
  return out;
}

describe('HttpErrorFilter', () => {
  const missing = notFound('Document', '0000', 'DOCUMENT_NOT_FOUND');

  it('answers in English exactly as before, for a request that asks for nothing else', () => {
    const out = answer(missing, { headers: {} });
    expect(out.status).toBe(404);
    expect(out.headers['content-language']).toBe('en');
    expect(out.body).toEqual({ error: { code: 'NOT_FOUND', domainCode: 'DOCUMENT_NOT_FOUND', message: missing.message } });
  });

  it("words the message in the request's language (Accept-Language, then ?lang=, then the user's preference), codes unchanged", () => {
    const fr = answer(missing, { headers: { 'accept-language': 'fr-CH, en;q=0.5' } });
    expect(fr.status).toBe(404);
    expect(fr.headers['content-language']).toBe('fr');
    expect(fr.headers.vary).toContain('Accept-Language');
    expect(fr.body).toEqual({
      error: {
        code: 'NOT_FOUND',
        domainCode: 'DOCUMENT_NOT_FOUND',
        message: 'Aucun document ne porte cet identifiant.',
        detail: missing.message,
      },
    });
    const ar = answer(missing, { query: { lang: 'ar' }, headers: { 'accept-language': 'fr' } });
    expect(ar.headers['content-language']).toBe('ar');
    expect((ar.body as { error: { message: string } }).error.message).toBe('لم يُعثر على وثيقة بهذا المعرّف.');
    const zh = answer(missing, { headers: { 'accept-language': 'fr' }, user: { userId: 'u', language: 'zh' } });
    expect(zh.headers['content-language']).toBe('zh-Hans');
  });

  it('keeps the details of a refusal, and falls back on English for a language that is not a working one', () => {
    const refused = badInput('lang', 'lang must be one of en, zh, fr, es, ru, ar (got "de")', 'UNKNOWN_LANGUAGE');
    const es = answer(refused, { headers: { 'accept-language': 'es' } });
    expect(es.status).toBe(400);
    expect(es.body).toMatchObject({
      error: { code: 'BAD_USER_INPUT', domainCode: 'UNKNOWN_LANGUAGE', field: 'lang', detail: refused.message },
    });
    expect((es.body as { error: { message: string } }).error.message).not.toBe(refused.message);
    const de = answer(refused, { query: { lang: 'de' }, headers: {} });
    expect(de.body).toEqual({ error: { code: 'BAD_USER_INPUT', domainCode: 'UNKNOWN_LANGUAGE', field: 'lang', message: refused.message } });
  });

  it('words a framework error and a server error in the language too, nothing internal shown', () => {
    const route = answer(new NotFoundException('Cannot GET /nowhere'), { headers: { 'accept-language': 'ru' } });
    expect(route.status).toBe(404);
    expect(route.body).toMatchObject({ error: { code: 'BAD_REQUEST', detail: 'Cannot GET /nowhere' } });
    const crash = answer(new Error('secret stack'), { headers: { 'accept-language': 'fr' } });
    expect(crash.status).toBe(500);
    expect(crash.body).toMatchObject({
      error: {
        code: 'INTERNAL_SERVER_ERROR',
        message: "Une erreur s'est produite sur le serveur : réessayez plus tard ou signalez le problème.",
      },
    });
    expect(JSON.stringify(crash.body)).not.toContain('secret');
  });

  it('says Retry-After for an error that says when to come back, and closes a connection whose body is still coming', () => {
    const limited = new DomainError('RATE_LIMITED', 'TOO_MANY_ATTEMPTS', 'Too many sign-ins; try again in 2 minutes', {
      retryAfterSeconds: 89.5,
    });
    const midBody = answer(limited, { headers: {}, raw: { complete: false } });
    expect([midBody.status, midBody.headers['retry-after'], midBody.headers.connection]).toEqual([429, '90', 'close']);
    // A request read whole keeps its connection; an error with no such detail says no Retry-After.
    const whole = answer(missing, { headers: {}, raw: { complete: true } });
    expect([whole.status, whole.headers['retry-after'], whole.headers.connection]).toEqual([404, undefined, undefined]);
  });

  it("answers Fastify's refusal of a body by its status, and only cuts a download whose answer is already on the wire", () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(answer(tooLarge, { headers: {} })).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    const mediaType = Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    expect(answer(mediaType, { headers: {} })).toMatchObject({ status: 415, body: { error: { code: 'BAD_REQUEST' } } });
    // A 4xx-shaped error that is not Fastify's is a server error: nothing of it is shown.
    const other = Object.assign(new Error('secret'), { statusCode: 400 });
    expect(answer(other, { headers: {} })).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL_SERVER_ERROR' } } });
    const cut = answer(new Error('the store failed'), { headers: {} }, true);
    expect(cut).toMatchObject({ status: 0, body: undefined, destroyed: true });
  });
});
