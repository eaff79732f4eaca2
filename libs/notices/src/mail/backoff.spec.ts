import { BACKOFF_MS, backoffMs, classifySendError } from './backoff';

describe('backoff', () => {
  it('waits a minute, 5 minutes, 30 minutes, 2 hours, then 12 hours for ever', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(backoffMs)).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 43_200_000, 43_200_000, 43_200_000]);
    expect(backoffMs(0)).toBe(BACKOFF_MS[0]);
  });

  it('sorts transport errors: 5xx for the recipient is a bounce, 4xx a refusal for now, no answer leaves it waiting', () => {
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user' })).toEqual({
      kind: 'PERMANENT',
      reason: '550 5.1.1 No such user',
    });
    expect(classifySendError({ code: 'EMESSAGE', responseCode: 554, response: '554 Rejected' }).kind).toBe('PERMANENT');
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 451, response: '451 Try later' }).kind).toBe('REFUSED');
    expect(classifySendError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:2525' })).toEqual({
      kind: 'UNREACHABLE',
      reason: 'connect ECONNREFUSED 127.0.0.1:2525',
    });
    // A wrong password is the deployment's problem, not the recipient's: the notices wait.
    expect(classifySendError({ code: 'EAUTH', responseCode: 535, response: '535 Authentication failed' }).kind).toBe('UNREACHABLE');
    expect(classifySendError(new Error('socket hang up')).kind).toBe('UNREACHABLE');
  });
});
