import { DomainError } from '@app/core';
import { Webhook } from 'standardwebhooks';
import { checkResolved, checkWebhookUrl, isLoopbackHost, isPrivateAddress } from './webhook-url';
import { newWebhookSecret, signWebhook } from './webhook-signature';

const codeOf = (work: () => unknown): string | null => {
  try {
    work();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};
const asyncCodeOf = async (work: () => Promise<unknown>): Promise<string | null> => {
  try {
    await work();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '[::1]',
    'fe80::1',
    'fd12:3456::1',
    'fc00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::10.0.0.1',
    'not-an-address',
  ])('%s is not a public host', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8'])('%s is public', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (h) => expect(isLoopbackHost(h)).toBe(true),
  );
  it.each(['example.org', '10.0.0.1', '0.0.0.0', 'localhost.example.org', '::'])('%s is not', (h) => expect(isLoopbackHost(h)).toBe(false));
});

describe('checkWebhookUrl', () => {
  const dev = { production: false };
  const prod = { production: true };

  it('accepts https anywhere and http to this machine outside production', () => {
    expect(checkWebhookUrl('https://hooks.example.org/dsb?x=1', dev).href).toBe('https://hooks.example.org/dsb?x=1');
    expect(checkWebhookUrl('https://hooks.example.org/dsb', prod).hostname).toBe('hooks.example.org');
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', dev).port).toBe('8080');
    expect(checkWebhookUrl('http://localhost/hook', dev).hostname).toBe('localhost');
    expect(checkWebhookUrl('http://[::1]:9/hook', dev).hostname).toBe('[::1]');
    // Outside production an https host on the local network is an integrator's test machine.
    expect(checkWebhookUrl('https://10.0.0.5/hook', dev).hostname).toBe('10.0.0.5');
  });

  it.each([
    ['not a url', 'WEBHOOK_URL_INVALID'],
    ['/relative/path', 'WEBHOOK_URL_INVALID'],
    ['ftp://example.org/hook', 'WEBHOOK_URL_INVALID'],
    ['file:///etc/passwd', 'WEBHOOK_URL_INVALID'],
    ['javascript:alert(1)', 'WEBHOOK_URL_INVALID'],
    ['gopher://example.org/', 'WEBHOOK_URL_INVALID'],
    ['https://user:pass@example.org/hook', 'WEBHOOK_URL_INVALID'],
    ['https://token@example.org/hook', 'WEBHOOK_URL_INVALID'],
    ['https://example.org/hook#part', 'WEBHOOK_URL_INVALID'],
    ['http://example.org/hook', 'WEBHOOK_URL_NOT_HTTPS'],
    ['http://10.0.0.1/hook', 'WEBHOOK_URL_NOT_HTTPS'],
    ['http://localhost.example.org/hook', 'WEBHOOK_URL_NOT_HTTPS'],
  ])('outside production refuses %s with %s', (url, code) => expect(codeOf(() => checkWebhookUrl(url, dev))).toBe(code));

  it('refuses a URL longer than 2000 characters', () => {
    expect(codeOf(() => checkWebhookUrl(`https://example.org/${'a'.repeat(2000)}`, dev))).toBe('WEBHOOK_URL_INVALID');
  });

  it.each([
    ['http://127.0.0.1/hook', 'WEBHOOK_URL_NOT_HTTPS'],
    ['http://localhost/hook', 'WEBHOOK_URL_NOT_HTTPS'],
    ['http://example.org/hook', 'WEBHOOK_URL_NOT_HTTPS'],
    ['https://127.0.0.1/hook', 'WEBHOOK_URL_PRIVATE'],
    ['https://localhost/hook', 'WEBHOOK_URL_PRIVATE'],
    ['https://[::1]/hook', 'WEBHOOK_URL_PRIVATE'],
    ['https://[::ffff:7f00:1]/hook', 'WEBHOOK_URL_PRIVATE'],
    ['https://10.0.0.1/hook', 'WEBHOOK_URL_PRIVATE'],
    ['https://169.254.169.254/latest/meta-data', 'WEBHOOK_URL_PRIVATE'],
    ['https://0.0.0.0/hook', 'WEBHOOK_URL_PRIVATE'],
    // Other spellings of 127.0.0.1, which the URL parser normalises.
    ['https://2130706433/hook', 'WEBHOOK_URL_PRIVATE'],
    ['https://0x7f.1/hook', 'WEBHOOK_URL_PRIVATE'],
    ['https://[fd00::1]/hook', 'WEBHOOK_URL_PRIVATE'],
  ])('in production refuses %s with %s', (url, code) => expect(codeOf(() => checkWebhookUrl(url, prod))).toBe(code));
});

describe('checkResolved', () => {
  const url = new URL('https://hooks.example.org/dsb');
  const answers =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('in production pins a name to the public address it resolves to', async () => {
    await expect(checkResolved(url, { production: true, lookup: answers('93.184.216.34') })).resolves.toEqual({
      address: '93.184.216.34',
      family: 4,
    });
  });

  it('in production refuses a name with any internal address among its answers, and one that does not resolve', async () => {
    expect(await asyncCodeOf(() => checkResolved(url, { production: true, lookup: answers('10.0.0.7') }))).toBe('WEBHOOK_URL_PRIVATE');
    expect(await asyncCodeOf(() => checkResolved(url, { production: true, lookup: answers('93.184.216.34', '::1') }))).toBe(
      'WEBHOOK_URL_PRIVATE',
    );
    expect(await asyncCodeOf(() => checkResolved(url, { production: true, lookup: answers() }))).toBe('WEBHOOK_URL_UNRESOLVABLE');
    const failing = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await asyncCodeOf(() => checkResolved(url, { production: true, lookup: failing }))).toBe('WEBHOOK_URL_UNRESOLVABLE');
  });

  it('checks an address written in the URL without asking the resolver', async () => {
    const never = async () => {
      throw new Error('no lookup expected');
    };
    expect(await asyncCodeOf(() => checkResolved(new URL('https://10.1.1.1/'), { production: true, lookup: never }))).toBe(
      'WEBHOOK_URL_PRIVATE',
    );
    await expect(checkResolved(new URL('https://8.8.8.8/'), { production: true, lookup: never })).resolves.toEqual({
      address: '8.8.8.8',
      family: 4,
    });
  });

  it('outside production leaves resolution to the system', async () => {
    await expect(checkResolved(url, { production: false, lookup: answers('10.0.0.7') })).resolves.toBeNull();
  });
});

describe('signWebhook', () => {
  it('signs as Standard Webhooks verifies', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: 'docket.entry', data: { seq: 1 } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, 'msg_1', timestamp, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('1', '2'), headers)).toThrow();
  });
});
