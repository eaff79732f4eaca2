import { generateSigningKeyPem } from '../audit/audit-keys';
import { ConfigError, loadConfig } from './app-config';

const KEY = generateSigningKeyPem();

describe('loadConfig', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 3000, LOG_LEVEL: 'log', ACCESS_TOKEN_TTL_SECONDS: 900, SWEEP_INTERVAL_SECONDS: 60, START_WORKER: true });
    expect(config.introspection).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ACCESS_TOKEN_TTL_SECONDS: '3600' }, 'ACCESS_TOKEN_TTL_SECONDS'],
    [{ SWEEP_INTERVAL_SECONDS: '0' }, 'SWEEP_INTERVAL_SECONDS'],
    [{ SWEEP_INTERVAL_SECONDS: '120' }, 'SWEEP_INTERVAL_SECONDS'],
    [{ SWEEP_INTERVAL_SECONDS: '2.5' }, 'SWEEP_INTERVAL_SECONDS'],
    [{ START_WORKER: 'maybe' }, 'START_WORKER'],
    [{ GRAPHQL_INTROSPECTION: 'perhaps' }, 'GRAPHQL_INTROSPECTION'],
    [{ BODY_TIME_ZONE: 'Mars/Olympus' }, 'BODY_TIME_ZONE'],
    [{ BODY_TIME_ZONE: '+08:00' }, 'BODY_TIME_ZONE'],
    [{ BODY_MEETING_NOTICE_DAYS: '-1' }, 'BODY_MEETING_NOTICE_DAYS'],
    [{ BODY_QUORUM_PERCENT: '0' }, 'BODY_QUORUM_PERCENT'],
    [{ ELECTION_MIN_VOTING_DAYS: '0' }, 'ELECTION_MIN_VOTING_DAYS'],
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

  it('requires JWT_SECRET, DATABASE_URL and AUDIT_SIGNING_KEY in production, and turns introspection off', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db', AUDIT_SIGNING_KEY: KEY })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), AUDIT_SIGNING_KEY: KEY })).toThrow(/DATABASE_URL is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://h/db' })).toThrow(/AUDIT_SIGNING_KEY is required/);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://h/db', AUDIT_SIGNING_KEY: KEY });
    expect(config.introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://h/db', AUDIT_SIGNING_KEY: KEY, GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
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

  it('reads START_WORKER as a yes or a no', () => {
    for (const no of ['false', '0', 'no', 'OFF']) expect(loadConfig({ START_WORKER: no }).START_WORKER).toBe(false);
    for (const yes of ['true', '1', 'yes', 'On']) expect(loadConfig({ START_WORKER: yes }).START_WORKER).toBe(true);
  });

  it('reads the body’s rules: its time zone, the notice and quorum of its meetings, the voting period', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ BODY_TIME_ZONE: 'UTC', BODY_MEETING_NOTICE_DAYS: 10, BODY_QUORUM_PERCENT: 50, ELECTION_MIN_VOTING_DAYS: 7 });
    expect(loadConfig({ BODY_TIME_ZONE: 'Asia/Shanghai', BODY_QUORUM_PERCENT: '60' })).toMatchObject({ BODY_TIME_ZONE: 'Asia/Shanghai', BODY_QUORUM_PERCENT: 60 });
  });
});
