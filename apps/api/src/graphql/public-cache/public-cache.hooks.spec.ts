import type { FastifyRequest } from 'fastify';
import { passesPreflightCheck } from '../csrf';
import { anonymousRequestKey } from './public-cache.hooks';
import { sha256Hex } from '@app/core';

const QUERY = '{ disputes { nodes { docketNumber } } }';
const post = (body: unknown, headers: Record<string, string> = {}, query: Record<string, unknown> = {}) =>
  ({ method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, query }) as unknown as FastifyRequest;
const get = (query: Record<string, unknown>, headers: Record<string, string> = {}) =>
  ({ method: 'GET', query, headers }) as unknown as FastifyRequest;
const DAY = '2026-03-02';

describe('the key of an anonymous request', () => {
  it('is the same for POST and GET, for the text and its persisted hash, and for the variables in any order', () => {
    const byPost = anonymousRequestKey(post({ query: QUERY, variables: { a: 1, b: 2 } }), DAY);
    expect(byPost).not.toBeNull();
    expect(anonymousRequestKey(get({ query: QUERY, variables: '{"b":2,"a":1}' }), DAY)).toBe(byPost);
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256Hex(QUERY) } });
    expect(anonymousRequestKey(get({ extensions, variables: '{"a":1,"b":2}' }), DAY)).toBe(byPost);
  });

  it('files a text under its own hash, whatever hash comes with it', () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ other }') } };
    expect(anonymousRequestKey(post({ query: QUERY, extensions }), DAY)).toBe(anonymousRequestKey(post({ query: QUERY }), DAY));
  });

  it('is by the negotiated language, and none when the language asked for is not a working one', () => {
    const fr = anonymousRequestKey(post({ query: QUERY }, {}, { lang: 'fr' }), DAY);
    expect(anonymousRequestKey(post({ query: QUERY }, { 'accept-language': 'fr-CH, fr;q=0.9' }), DAY)).toBe(fr);
    expect(anonymousRequestKey(post({ query: QUERY }), DAY)).not.toBe(fr);
    expect(anonymousRequestKey(post({ query: QUERY }, {}, { lang: 'de' }), DAY)).toBeNull();
  });

  it('is none for anyone with an Authorization header, and for what Apollo would refuse', () => {
    expect(anonymousRequestKey(post({ query: QUERY }, { authorization: 'Bearer x' }), DAY)).toBeNull();
    expect(anonymousRequestKey(post({ query: QUERY }, { authorization: '' }), DAY)).toBeNull();
    expect(anonymousRequestKey(post([{ query: QUERY }]), DAY)).toBeNull();
    expect(anonymousRequestKey(post({ variables: {} }), DAY)).toBeNull();
    expect(anonymousRequestKey(get({ query: QUERY, variables: '{not json' }), DAY)).toBeNull();
    expect(anonymousRequestKey(get({ extensions: JSON.stringify({ persistedQuery: { sha256Hash: 'short' } }) }), DAY)).toBeNull();
    expect(anonymousRequestKey(post({ query: QUERY, operationName: 5 }), DAY)).toBeNull();
  });
});

describe("Apollo's CSRF rule, before Apollo", () => {
  it('lets through a JSON request or one with a preflight header, and nothing a form could send', () => {
    expect(passesPreflightCheck({ 'content-type': 'application/json' })).toBe(true);
    expect(passesPreflightCheck({ 'apollo-require-preflight': 'true' })).toBe(true);
    expect(passesPreflightCheck({ 'graphql-require-preflight': '1', 'content-type': 'text/plain' })).toBe(true);
    expect(passesPreflightCheck({})).toBe(false);
    expect(passesPreflightCheck({ 'content-type': 'text/plain; charset=utf-8' })).toBe(false);
    expect(passesPreflightCheck({ 'content-type': 'application/x-www-form-urlencoded' })).toBe(false);
    expect(passesPreflightCheck({ 'apollo-require-preflight': '' })).toBe(false);
  });
});
