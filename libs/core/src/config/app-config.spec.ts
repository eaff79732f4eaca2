import { availableParallelism } from 'node:os';
import { generateSigningKeyPem } from '../audit/audit-keys';
import { API_POOL_SIZE, ConfigError, keyBytes, loadConfig } from './app-config';

const KEY = generateSigningKeyPem();

describe('loadConfig', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      LOG_LEVEL: 'log',
      ACCESS_TOKEN_TTL_SECONDS: 900,
      SWEEP_INTERVAL_SECONDS: 60,
      START_WORKER: true,
    });
    expect(config.introspection).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_READ_URLS: 'postgres://r1/db, mysql://r2/db' }, 'DATABASE_READ_URLS'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ACCESS_TOKEN_TTL_SECONDS: '3600' }, 'ACCESS_TOKEN_TTL_SECONDS'],
    [{ SWEEP_INTERVAL_SECONDS: '0' }, 'SWEEP_INTERVAL_SECONDS'],
    [{ SWEEP_INTERVAL_SECONDS: '120' }, 'SWEEP_INTERVAL_SECONDS'],
    [{ SWEEP_INTERVAL_SECONDS: '2.5' }, 'SWEEP_INTERVAL_SECONDS'],
    [{ START_WORKER: 'maybe' }, 'START_WORKER'],
    [{ WEB_CONCURRENCY: '0' }, 'WEB_CONCURRENCY'],
    [{ WEB_CONCURRENCY: 'many' }, 'WEB_CONCURRENCY'],
    [{ GRAPHQL_INTROSPECTION: 'perhaps' }, 'GRAPHQL_INTROSPECTION'],
    [{ BODY_TIME_ZONE: 'Mars/Olympus' }, 'BODY_TIME_ZONE'],
    [{ BODY_TIME_ZONE: '+08:00' }, 'BODY_TIME_ZONE'],
    [{ BODY_MEETING_NOTICE_DAYS: '-1' }, 'BODY_MEETING_NOTICE_DAYS'],
    [{ BODY_QUORUM_PERCENT: '0' }, 'BODY_QUORUM_PERCENT'],
    [{ ELECTION_MIN_VOTING_DAYS: '0' }, 'ELECTION_MIN_VOTING_DAYS'],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.1, proxy.internal' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '*' }, 'TRUSTED_PROXIES'],
    [{ MFA_REQUIRED_ROLES: 'SECRETARIAT,ADMIN' }, 'MFA_REQUIRED_ROLES'],
    [{ MFA_ENCRYPTION_KEY: 'too-short' }, 'MFA_ENCRYPTION_KEY'],
    [{ MFA_ENCRYPTION_KEY: Buffer.alloc(31).toString('base64') }, 'MFA_ENCRYPTION_KEY'],
  ])('refuses %j with one line naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect((error as Error).message).not.toContain('\n');
  });

  it('requires JWT_SECRET and DATABASE_URL in production, and turns introspection off', () => {
    const BALLOT_SECRET = 'b'.repeat(32);
    const MFA_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db', BALLOT_SECRET, MFA_ENCRYPTION_KEY, AUDIT_SIGNING_KEY: KEY }),
    ).toThrow(/JWT_SECRET is required/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), BALLOT_SECRET, MFA_ENCRYPTION_KEY, AUDIT_SIGNING_KEY: KEY }),
    ).toThrow(/DATABASE_URL is required/);
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      DATABASE_URL: 'postgres://h/db',
      BALLOT_SECRET,
      MFA_ENCRYPTION_KEY,
      AUDIT_SIGNING_KEY: KEY,
    });
    expect(config.introspection).toBe(false);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(32),
        DATABASE_URL: 'postgres://h/db',
        BALLOT_SECRET,
        MFA_ENCRYPTION_KEY,
        AUDIT_SIGNING_KEY: KEY,
        GRAPHQL_INTROSPECTION: 'true',
      }).introspection,
    ).toBe(true);
  });

  it('requires BALLOT_SECRET in production, of at least 32 characters anywhere; BALLOT_PUBLICATION_MIN is 5 unless set', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      DATABASE_URL: 'postgres://h/db',
      MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      AUDIT_SIGNING_KEY: KEY,
    };
    expect(() => loadConfig(production)).toThrow(/^Invalid configuration: BALLOT_SECRET is required when NODE_ENV=production/);
    expect(() => loadConfig({ ...production, BALLOT_SECRET: 'short' })).toThrow(
      /^Invalid configuration: BALLOT_SECRET must be at least 32 characters/,
    );
    expect(() => loadConfig({ BALLOT_SECRET: 'short' })).toThrow(/BALLOT_SECRET must be at least 32 characters/);
    expect(loadConfig({ ...production, BALLOT_SECRET: 'b'.repeat(32) }).BALLOT_SECRET).toBe('b'.repeat(32));
    expect(loadConfig({}).BALLOT_SECRET).toBeUndefined();
    expect(loadConfig({}).BALLOT_PUBLICATION_MIN).toBe(5);
    expect(loadConfig({ BALLOT_PUBLICATION_MIN: '1' }).BALLOT_PUBLICATION_MIN).toBe(1);
    for (const bad of ['0', 'five', '2.5']) expect(() => loadConfig({ BALLOT_PUBLICATION_MIN: bad })).toThrow(/BALLOT_PUBLICATION_MIN/);
  });

  it('requires MFA_ENCRYPTION_KEY in production', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      DATABASE_URL: 'postgres://h/db',
      BALLOT_SECRET: 'b'.repeat(32),
      AUDIT_SIGNING_KEY: KEY,
    };
    expect(() => loadConfig(production)).toThrow(/MFA_ENCRYPTION_KEY is required/);
    expect(loadConfig({ ...production, MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }).isProduction).toBe(true);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(32),
        DATABASE_URL: 'postgres://h/db',
        BALLOT_SECRET: 'b'.repeat(32),
        MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      }),
    ).toThrow(/AUDIT_SIGNING_KEY is required/);
  });

  it('takes an Ed25519 AUDIT_SIGNING_KEY only, and never echoes it', () => {
    expect(loadConfig({ AUDIT_SIGNING_KEY: KEY }).AUDIT_SIGNING_KEY).toBe(KEY);
    const rsa = 'MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA';
    let error: unknown;
    try {
      loadConfig({ AUDIT_SIGNING_KEY: rsa });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/AUDIT_SIGNING_KEY/);
    expect((error as Error).message).not.toContain(rsa);
  });

  it('runs one API process per core unless WEB_CONCURRENCY says how many', () => {
    expect(loadConfig({}).WEB_CONCURRENCY).toBe(availableParallelism());
    expect(loadConfig({ WEB_CONCURRENCY: '1' }).WEB_CONCURRENCY).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '3' }).WEB_CONCURRENCY).toBe(3);
  });

  it('bounds uploads: a quarter of the pool at once by default, within the pool; a minute of silence', () => {
    expect(loadConfig({})).toMatchObject({ UPLOAD_CONCURRENCY: Math.floor(API_POOL_SIZE / 4), UPLOAD_IDLE_TIMEOUT_SECONDS: 60 });
    expect(loadConfig({ UPLOAD_CONCURRENCY: '1', UPLOAD_IDLE_TIMEOUT_SECONDS: '5' })).toMatchObject({
      UPLOAD_CONCURRENCY: 1,
      UPLOAD_IDLE_TIMEOUT_SECONDS: 5,
    });
    expect(() => loadConfig({ UPLOAD_CONCURRENCY: '0' })).toThrow(/UPLOAD_CONCURRENCY must be between 1 and 10/);
    expect(() => loadConfig({ UPLOAD_CONCURRENCY: String(API_POOL_SIZE + 1) })).toThrow(/UPLOAD_CONCURRENCY must be between 1 and 10/);
    expect(() => loadConfig({ UPLOAD_IDLE_TIMEOUT_SECONDS: '0' })).toThrow(/UPLOAD_IDLE_TIMEOUT_SECONDS must be between 1 and 3600/);
  });

  it('reads START_WORKER as a yes or a no', () => {
    for (const no of ['false', '0', 'no', 'OFF']) expect(loadConfig({ START_WORKER: no }).START_WORKER).toBe(false);
    for (const yes of ['true', '1', 'yes', 'On']) expect(loadConfig({ START_WORKER: yes }).START_WORKER).toBe(true);
  });

  it('reads the body’s rules: its time zone, the notice and quorum of its meetings, the voting period', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({
      BODY_TIME_ZONE: 'UTC',
      BODY_MEETING_NOTICE_DAYS: 10,
      BODY_QUORUM_PERCENT: 50,
      ELECTION_MIN_VOTING_DAYS: 7,
    });
    expect(loadConfig({ BODY_TIME_ZONE: 'Asia/Shanghai', BODY_QUORUM_PERCENT: '60' })).toMatchObject({
      BODY_TIME_ZONE: 'Asia/Shanghai',
      BODY_QUORUM_PERCENT: 60,
    });
  });

  it('trusts no proxy by default, and the listed addresses and ranges when told', () => {
    expect(loadConfig({}).TRUSTED_PROXIES).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: 'none' }).TRUSTED_PROXIES).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8, 192.168.1.7 ,fd00::/8,loopback' }).TRUSTED_PROXIES).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('never prints the value of a secret it refuses', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short-but-secret' })).toThrow('(got 16 characters)');
    expect(() => loadConfig({ MFA_ENCRYPTION_KEY: 'almost-the-key' })).toThrow('(got 14 characters)');
  });

  it('requires a second factor of the secretariat by default, of the roles listed, or of none', () => {
    expect(loadConfig({}).MFA_REQUIRED_ROLES).toEqual(['SECRETARIAT']);
    expect(loadConfig({ MFA_REQUIRED_ROLES: 'SECRETARIAT, PANELIST' }).MFA_REQUIRED_ROLES).toEqual(['SECRETARIAT', 'PANELIST']);
    expect(loadConfig({ MFA_REQUIRED_ROLES: 'none' }).MFA_REQUIRED_ROLES).toEqual([]);
  });

  it('reads MFA_ENCRYPTION_KEY in base64, base64url or hex', () => {
    const bytes = Buffer.alloc(32, 0xfb);
    for (const text of [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')]) {
      expect(keyBytes(loadConfig({ MFA_ENCRYPTION_KEY: text }).MFA_ENCRYPTION_KEY!)).toEqual(bytes);
    }
  });
  it('reads the mail settings: SMTP_URL (smtp:// or smtps://, never echoed), MAIL_FROM, the catcher port, the reminder days', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({
      SMTP_URL: undefined,
      MAIL_FROM: 'Dispute Settlement Body <registry@localhost>',
      MAIL_CATCHER_PORT: 1025,
      REMINDER_DAYS: [7, 1],
    });
    expect(defaults.publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ SMTP_URL: 'smtp://user:pw@mail.example.org:587' }).SMTP_URL).toBe('smtp://user:pw@mail.example.org:587');
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.org' }).SMTP_URL).toBe('smtps://mail.example.org');
    expect(loadConfig({ REMINDER_DAYS: '1, 14,7,7' }).REMINDER_DAYS).toEqual([14, 7, 1]);
    expect(loadConfig({ REMINDER_DAYS: 'none' }).REMINDER_DAYS).toEqual([]);
    expect(loadConfig({ MAIL_FROM: 'registry@dsb.example.org', MAIL_CATCHER_PORT: '0' })).toMatchObject({
      MAIL_FROM: 'registry@dsb.example.org',
      MAIL_CATCHER_PORT: 0,
    });
    expect(loadConfig({ PUBLIC_URL: 'https://dsb.example.org/' }).publicUrl).toBe('https://dsb.example.org');
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return error as ConfigError;
      }
      throw new Error(`accepted ${JSON.stringify(env)}`);
    };
    expect(refused({ SMTP_URL: 'http://mail.example.org' }).message).toBe(
      'Invalid configuration: SMTP_URL must start with smtp:// (STARTTLS when the server offers it) or smtps:// (TLS from the start), not http://',
    );
    expect(refused({ SMTP_URL: 'mail.example.org:25' }).variable).toBe('SMTP_URL');
    expect(refused({ SMTP_URL: 'not a url' }).message).toMatch(/^Invalid configuration: SMTP_URL must be a URL such as smtp:\/\//);
    // The password of a refused URL is not printed.
    expect(refused({ SMTP_URL: 'ftp://user:s3cret@mail.example.org' }).message).not.toContain('s3cret');
    expect(refused({ MAIL_FROM: 'Registry <not an address>' }).variable).toBe('MAIL_FROM');
    expect(refused({ MAIL_CATCHER_PORT: '70000' }).variable).toBe('MAIL_CATCHER_PORT');
    expect(refused({ REMINDER_DAYS: '7,0' }).message).toMatch(/^Invalid configuration: REMINDER_DAYS must list days from 1 to 60/);
    expect(refused({ REMINDER_DAYS: 'a week' }).variable).toBe('REMINDER_DAYS');
    expect(refused({ PUBLIC_URL: 'dsb.example.org' }).variable).toBe('PUBLIC_URL');
  });
  it('reads DATABASE_READ_URLS as a list of postgres URLs, none by default, and never echoes a refused one', () => {
    expect(loadConfig({}).DATABASE_READ_URLS).toEqual([]);
    expect(loadConfig({ DATABASE_READ_URLS: 'postgres://app:pw@r1/db, postgresql://app:pw@r2:5433/db' }).DATABASE_READ_URLS).toEqual([
      'postgres://app:pw@r1/db',
      'postgresql://app:pw@r2:5433/db',
    ]);
    expect(loadConfig({ DATABASE_READ_URLS: 'none' }).DATABASE_READ_URLS).toEqual([]);
    let refused: ConfigError | undefined;
    try {
      loadConfig({ DATABASE_READ_URLS: 'postgres://app:pw@r1/db,r2.internal:s3cret' });
    } catch (error) {
      refused = error as ConfigError;
    }
    expect(refused?.variable).toBe('DATABASE_READ_URLS');
    expect(refused?.message).not.toContain('s3cret');
  });
  it('reads SANDBOX as a yes or a no, and refuses it in production with one line naming it', () => {
    expect(loadConfig({}).SANDBOX).toBe(false);
    expect(loadConfig({ SANDBOX: 'true' }).SANDBOX).toBe(true);
    expect(() => loadConfig({ SANDBOX: 'maybe' })).toThrow(/^Invalid configuration: SANDBOX must be true or false/);
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      DATABASE_URL: 'postgres://h/db',
      BALLOT_SECRET: 'b'.repeat(32),
      MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      AUDIT_SIGNING_KEY: KEY,
    };
    expect(loadConfig(production).SANDBOX).toBe(false);
    let refusal: unknown;
    try {
      loadConfig({ ...production, SANDBOX: 'true' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as ConfigError).variable).toBe('SANDBOX');
    expect((refusal as ConfigError).message).toMatch(/^Invalid configuration: SANDBOX must not be true when NODE_ENV=production/);
  });
});
