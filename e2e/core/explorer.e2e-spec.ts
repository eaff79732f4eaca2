import { GraphQLSchemaHost } from '@nestjs/graphql';
import { OperationDefinitionNode, buildClientSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { runInNewContext } from 'node:vm';
import { DEMO_USERS } from '../../apps/api/src/demo/demo-data';
import { EXPLORER_EXAMPLES } from '../../apps/api/src/explorer/examples';
import { SIGN_IN_SCRIPT, SIGN_OUT_ON_REFUSAL_SCRIPT } from '../../apps/api/src/explorer/sign-in-script';
import { base32Decode, hotp, totpStep } from '@app/core';
import { createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

interface Window {
  initialName: string;
  initialQuery: string;
  initialVariables: string;
  initialPreRequestScript: string;
  initialPostRequestScript: string;
}
interface ServedOptions {
  endpointURL: string;
  disableAccount: boolean;
  initialWindows: Window[];
  initialEnvironments: { subEnvironments: { title: string; variables: Record<string, string> }[] };
  initialSettings: Record<string, unknown>;
}

const ME = '{ me { email role } }';

/** What the page hands to Altair: its inline script run with a stand-in for Altair's init. */
function servedOptions(html: string): ServedOptions {
  const inline = [...html.matchAll(/<script type="module"[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .filter((s) => s.includes('AltairGraphQL.init'));
  expect(inline).toHaveLength(1);
  let options: ServedOptions | undefined;
  runInNewContext(inline[0], { AltairGraphQL: { init: (o: ServedOptions) => (options = o) } });
  return options!;
}

describe('the explorer (outside production)', () => {
  let t: TestApp;
  let html: string;
  let options: ServedOptions;
  beforeAll(async () => {
    t = await startTestApp();
    html = (await t.http().get('/graphql').set('accept', 'text/html').expect(200).expect('content-type', /html/)).text;
    options = servedOptions(html);
  });
  afterAll(() => t.close());

  /** Runs an Altair script as Altair's worker does, with its helpers backed by the application, and the test's clock for Date. */
  function altairHost(environment: Record<string, unknown>, storage = new Map<string, unknown>()) {
    const alerts: string[] = [];
    const data: { url: string; environment: Record<string, unknown> } = { url: '/graphql', environment: { ...environment } };
    const altair = {
      data,
      helpers: {
        getEnvironment: (key: string) => data.environment[key],
        setEnvironment: (key: string, value: unknown) => (data.environment[key] = value),
        // Altair's request helper is Angular's HttpClient: the parsed JSON body, a rejection on an HTTP error.
        request: async (method: string, url: string, init: { body: unknown; headers: Record<string, string> }) => {
          expect(method).toBe('POST');
          const res = await t
            .http()
            .post(url)
            .set(init.headers)
            .send(init.body as object);
          if (res.status >= 400) throw new Error(`HTTP ${res.status}`);
          return res.body;
        },
      },
      storage: { get: async (key: string) => storage.get(key), set: async (key: string, value: unknown) => void storage.set(key, value) },
      response: undefined as undefined | { body: unknown; statusCode: number },
    };
    const run = async (script: string) => {
      const fn = new Function('altair', 'alert', 'Date', `return (async () => { ${script}; return altair.data; })();`);
      await fn(altair, (m: string) => alerts.push(m), { now: () => t.clock.now().getTime() });
      return data.environment.headers as Record<string, string> | undefined;
    };
    return { altair, run, alerts, storage };
  }

  describe('the page', () => {
    it('opens a window for the public, a delegate, a panelist and the registrar, each with the sign-in scripts', () => {
      expect(options.endpointURL).toBe('/graphql');
      expect(options.disableAccount).toBe(true);
      expect(options.initialWindows.map((w) => w.initialName)).toEqual(['Public docket', 'Delegate', 'Panelist', 'Registrar']);
      for (const [i, window] of options.initialWindows.entries()) {
        expect(window.initialQuery).toBe(EXPLORER_EXAMPLES[i].query);
        expect(JSON.parse(window.initialVariables)).toEqual(EXPLORER_EXAMPLES[i].variables);
        expect(window.initialPreRequestScript).toBe(SIGN_IN_SCRIPT);
        expect(window.initialPostRequestScript).toBe(SIGN_OUT_ON_REFUSAL_SCRIPT);
      }
    });

    it('offers every demo user as an environment, and one for your own account', () => {
      const environments = options.initialEnvironments.subEnvironments;
      for (const user of DEMO_USERS) {
        expect(environments).toContainEqual(
          expect.objectContaining({ variables: { email: user.email, password: user.password, code: '' } }),
        );
      }
      expect(environments).toContainEqual(
        expect.objectContaining({ title: 'My account', variables: { email: '', password: '', code: '' } }),
      );
    });

    it('asks for the descriptions when it loads the schema, and the API gives them (the Docs pane)', async () => {
      expect(options.initialSettings['introspection.options.description']).toBe(true);
      const res = await t.gql(getIntrospectionQuery({ descriptions: true }));
      expect(res.errors).toBeUndefined();
      const schema = buildClientSchema(res.data as never);
      expect(schema.getQueryType()!.getFields().disputes.description).toMatch(/Disputes, newest first/);
      expect(schema.getMutationType()!.getFields().login.description).toMatch(/Signs in with email and password/);
    });
  });

  describe('the examples', () => {
    it('every operation validates against the schema and its variables coerce', () => {
      const schema = t.app.get(GraphQLSchemaHost).schema;
      let operations = 0;
      for (const window of options.initialWindows) {
        const document = parse(window.initialQuery);
        expect(validate(schema, document).map((e) => `${window.initialName}: ${e.message}`)).toEqual([]);
        const variables = JSON.parse(window.initialVariables) as Record<string, unknown>;
        for (const op of document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')) {
          expect(op.name?.value).toBeTruthy();
          const coerced = getVariableValues(schema, op.variableDefinitions ?? [], variables);
          expect([window.initialName, op.name!.value, coerced.errors?.map((e) => e.message)]).toEqual([
            window.initialName,
            op.name!.value,
            undefined,
          ]);
          operations += 1;
        }
      }
      expect(operations).toBeGreaterThanOrEqual(20);
    });

    it('the public window answers without a sign-in', async () => {
      const window = options.initialWindows.find((w) => w.initialName === 'Public docket')!;
      const document = parse(window.initialQuery);
      const names = document.definitions.map((d) => (d as OperationDefinitionNode).name!.value).filter((n) => n !== 'PublicDocket');
      expect(names).toEqual(['PublicDisputes', 'Members', 'Statistics', 'AdoptedReports']);
      for (const operationName of names) {
        const res = await t
          .http()
          .post('/graphql')
          .send({ query: window.initialQuery, operationName, variables: JSON.parse(window.initialVariables) });
        expect([operationName, res.status, res.body.errors]).toEqual([operationName, 200, undefined]);
      }
    });
  });

  describe('the sign-in script', () => {
    it('sends no Authorization header without an email (the public)', async () => {
      const host = altairHost({});
      expect(await host.run(SIGN_IN_SCRIPT)).toBeUndefined();
      expect(host.storage.size).toBe(0);
    });

    it('signs in with the environment’s email and password, keeps the session, and refreshes it when it runs out', async () => {
      await createUser(t.db, { role: 'PANELIST', email: 'panelist@explorer.test', password: 'explorer-password-1' });
      const host = altairHost({ email: 'panelist@explorer.test', password: 'explorer-password-1', code: '' });
      const first = (await host.run(SIGN_IN_SCRIPT))!.Authorization;
      expect(first).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      const token = first.slice('Bearer '.length);
      expect((await t.gql(ME, {}, token)).data).toEqual({ me: { email: 'panelist@explorer.test', role: 'PANELIST' } });

      // Ten minutes on: the same session, no new sign-in.
      t.clock.advance(10 * 60 * 1000);
      host.altair.data.environment = { email: 'panelist@explorer.test', password: 'explorer-password-1' };
      expect((await host.run(SIGN_IN_SCRIPT))!.Authorization).toBe(first);

      // Fifteen minutes after the sign-in the token has run out: the script refreshes it (the old refresh token is spent).
      const spent = (host.storage.get('dsb.session.panelist@explorer.test') as { refreshToken: string }).refreshToken;
      t.clock.advance(5 * 60 * 1000);
      expect((await t.gql(ME, {}, token)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      host.altair.data.environment = { email: 'panelist@explorer.test', password: '' };
      const second = (await host.run(SIGN_IN_SCRIPT))!.Authorization;
      expect(second).not.toBe(first);
      expect((await t.gql(ME, {}, second.slice('Bearer '.length))).data).toEqual({
        me: { email: 'panelist@explorer.test', role: 'PANELIST' },
      });
      const reuse = await t.gql('mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken } }', { r: spent });
      expect(reuse.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('says why a sign-in is refused, and tells a role that must enrol a second factor', async () => {
      await createUser(t.db, { role: 'SECRETARIAT', email: 'registrar@explorer.test', password: 'explorer-password-2' });
      const wrong = altairHost({ email: 'registrar@explorer.test', password: 'not-the-password' });
      await expect(wrong.run(SIGN_IN_SCRIPT)).rejects.toThrow(/refused \(INVALID_CREDENTIALS\)/);
      expect(wrong.altair.data.environment.headers).toBeUndefined();

      const host = altairHost({ email: 'registrar@explorer.test', password: 'explorer-password-2' });
      const header = (await host.run(SIGN_IN_SCRIPT))!.Authorization;
      expect(host.alerts).toEqual([expect.stringMatching(/EnrolSecondFactor, then ConfirmSecondFactor/)]);
      const enrol = await t.gql('mutation { enrollTotp { secret } }', {}, header.slice('Bearer '.length));
      expect(enrol.errors).toBeUndefined();
    });

    it('asks for the code when the account has a second factor', async () => {
      const user = await createUser(t.db, { role: 'PANELIST', email: 'second-factor@explorer.test', password: 'explorer-password-3' });
      const token = t.tokenFor(user);
      const { secret } = (await t.gql<{ enrollTotp: { secret: string } }>('mutation { enrollTotp { secret } }', {}, token)).data!
        .enrollTotp;
      const confirmed = await t.gql(
        'mutation($c: String!) { confirmTotp(code: $c) { recoveryCodes } }',
        { c: hotp(base32Decode(secret), totpStep(t.clock.now())) },
        token,
      );
      expect(confirmed.errors).toBeUndefined();

      const host = altairHost({ email: 'second-factor@explorer.test', password: 'explorer-password-3', code: '' });
      await expect(host.run(SIGN_IN_SCRIPT)).rejects.toThrow(/MFA_CODE_REQUIRED.*put the code your authenticator app shows/);
      t.clock.advance(30 * 1000);
      host.altair.data.environment.code = hotp(base32Decode(secret), totpStep(t.clock.now()));
      const header = (await host.run(SIGN_IN_SCRIPT))!.Authorization;
      expect((await t.gql(ME, {}, header.slice('Bearer '.length))).data).toEqual({
        me: { email: 'second-factor@explorer.test', role: 'PANELIST' },
      });
    });

    it('forgets a session the API revoked, so that the next request signs in afresh', async () => {
      await createUser(t.db, { role: 'PANELIST', email: 'revoked@explorer.test', password: 'explorer-password-4' });
      const host = altairHost({ email: 'revoked@explorer.test', password: 'explorer-password-4' });
      const first = (await host.run(SIGN_IN_SCRIPT))!.Authorization;
      const { refreshToken } = host.storage.get('dsb.session.revoked@explorer.test') as { refreshToken: string };
      expect((await t.gql('mutation($r: String!) { logout(refreshToken: $r) }', { r: refreshToken })).data).toEqual({ logout: true });

      const refused = await t.http().post('/graphql').set('authorization', first).send({ query: ME });
      expect(refused.body.errors[0].extensions.domainCode).toBe('INVALID_TOKEN');
      host.altair.response = { body: JSON.stringify(refused.body), statusCode: refused.status };
      await host.run(SIGN_OUT_ON_REFUSAL_SCRIPT);
      expect(host.storage.get('dsb.session.revoked@explorer.test')).toBeNull();
      expect(host.alerts).toEqual([expect.stringMatching(/send again to sign in afresh/)]);

      host.altair.data.environment = { email: 'revoked@explorer.test', password: 'explorer-password-4' };
      const second = (await host.run(SIGN_IN_SCRIPT))!.Authorization;
      expect(second).not.toBe(first);
      expect((await t.gql(ME, {}, second.slice('Bearer '.length))).errors).toBeUndefined();
    });
  });

  describe('without internet', () => {
    const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

    it('the page loads its scripts, styles and images from the application alone', async () => {
      // The page names no other site at all, not even as text.
      expect(html).not.toMatch(/https?:\/\//i);
      const references = [...html.matchAll(/<(script|link|img|iframe|source)\b[^>]*?\s(?:src|href)="([^"]*)"/gi)].map((m) => m[2]);
      expect(references.length).toBeGreaterThan(5);
      for (const ref of references) {
        expect(ref).not.toMatch(ABSOLUTE);
        await t.http().get(`/altair/${ref}`).expect(200);
      }
    });

    it('no script or style it loads imports, fetches or links anything from another site', async () => {
      // Altair's own remote features (its account and cloud sandbox, plugins from a CDN) appear in its code as
      // strings but are never loaded: the account is disabled, no plugin is listed, and scripts run in a local worker.
      const LOADS = [
        /\b(?:import|from)\s*\(?\s*["'`]((?:[a-z][a-z0-9+.-]*:)?\/\/[^"'`]*)/gi, // static or dynamic import of a URL
        /new\s+(?:Worker|SharedWorker|URL)\s*\(\s*["'`]((?:https?:)?\/\/[^"'`]*)["'`]\s*,\s*import\.meta\.url/gi, // a worker or asset beside the module
        /\b(?:fetch|importScripts|new\s+Worker|new\s+EventSource|new\s+WebSocket)\s*\(\s*["'`]((?:https?:|wss?:)?\/\/[^"'`]*)/gi, // a literal URL fetched
        /url\(\s*["']?((?:https?:)?\/\/[^"')]*)/gi, // CSS url()
        /@import\s+(?:url\()?\s*["']((?:https?:)?\/\/[^"']*)/gi, // CSS @import
      ];
      const RELATIVE: Record<'js' | 'css', RegExp[]> = {
        js: [/\b(?:import|from)\s*\(?\s*"(\.\/[^"]+\.js)"/g, /new\s+(?:Worker|URL)\s*\(\s*"([^"]+\.js)"\s*,\s*import\.meta\.url/g],
        css: [/url\(\s*["']?((?!data:|#)[^"')]+)/g],
      };
      const queue = [...html.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) =>
        m[1].replace(/^\.\//, ''),
      );
      const seen = new Set<string>();
      const loadsElsewhere: string[] = [];
      while (queue.length > 0) {
        const file = queue.shift()!;
        if (seen.has(file)) continue;
        seen.add(file);
        const res = await t
          .http()
          .get(`/altair/${file}`)
          .buffer(true)
          .parse((r, done) => {
            let text = '';
            r.setEncoding('utf8');
            r.on('data', (chunk: string) => (text += chunk));
            r.on('end', () => done(null, text));
          });
        expect([file, res.status]).toEqual([file, 200]);
        const text = res.body as string;
        for (const pattern of LOADS) for (const m of text.matchAll(pattern)) loadsElsewhere.push(`${file}: ${m[1]}`);
        const kind = /\.(js|css)$/.exec(file)?.[1] as 'js' | 'css' | undefined;
        if (!kind) continue;
        const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
        for (const pattern of RELATIVE[kind]) {
          for (const m of text.matchAll(pattern)) {
            if (ABSOLUTE.test(m[1])) continue;
            queue.push(new URL(m[1], `http://x/${dir}`).pathname.slice(1));
          }
        }
      }
      expect(loadsElsewhere).toEqual([]);
      // The entry, its chunks and its worker were all followed.
      expect([...seen]).toEqual(expect.arrayContaining(['main.js', 'polyfills.js', 'styles.css']));
      expect([...seen].some((f) => /^worker-.*\.js$/.test(f))).toBe(true);
      expect(seen.size).toBeGreaterThan(20);
    });
  });
});
