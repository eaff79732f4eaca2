import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors';
import { AuthenticationGuard } from './auth.guard';

describe('AuthenticationGuard.handleRequest', () => {
  const guard = new AuthenticationGuard(new Reflector());

  it('passes on the user of a valid token', () => {
    const actor = { userId: 'u', role: 'SECRETARIAT', memberId: null };
    expect(guard.handleRequest(null, actor)).toBe(actor);
  });

  it.each([false, null, undefined])('refuses a missing, bad or expired token (user %p) as UNAUTHENTICATED', (user) => {
    let thrown: unknown;
    try {
      guard.handleRequest(null, user);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ category: 'UNAUTHENTICATED', code: 'INVALID_TOKEN' });
  });

  it('lets a failure to check the token (database down) through as it is, not as UNAUTHENTICATED', () => {
    const down = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    expect(() => guard.handleRequest(down, false)).toThrow(down);
  });
});
