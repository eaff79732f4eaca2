import { MemberEntity, UserEntity } from '@app/core';
import { WebhookDelivery, WebhooksService } from '@app/notices';
import { DocketObservers } from '@app/registry';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1: records every request, answers each path as scripted (200 by default). */
class Receiver {
  readonly hits: Hit[] = [];
  private readonly script = new Map<string, number[]>();
  private server!: Server;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        this.hits.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const status = this.script.get(path)?.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status === 200 ? 'thanks' : `failure ${status} at ${path}`);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(path: string, ...statuses: number[]): void {
    this.script.set(path, statuses);
  }

  to(path: string): Hit[] {
    return this.hits.filter((h) => h.path === path);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const REGISTER = `mutation($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) { secret endpoint { id url description memberCode eventTypes active } }
}`;
const DELIVERIES = `query($id: ID!, $first: Int, $after: String) {
  webhookDeliveries(endpointId: $id, first: $first, after: $after) {
    nodes { id status attempts lastStatus lastResponse lastError deliveredAt nextAttemptAt payload
      attemptLog { status response error } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const REQUEST = `mutation($respondent: String!, $title: String!) {
  requestConsultations(input: { respondents: [$respondent], title: $title, measures: ["Licensing"],
    legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id }
}`;

describe('webhooks', () => {
  let t: TestApp;
  const receiver = new Receiver();
  const members = {} as Record<'CHN' | 'PAK' | 'IDN', MemberEntity>;
  const users = {} as Record<'chn' | 'pak' | 'idn' | 'secretariat' | 'panelist' | 'reader', UserEntity>;
  const endpoints = {} as Record<'chn' | 'pak' | 'idn' | 'secretariat', { id: string; secret: string }>;
  const token = (who: keyof typeof users) => t.tokenFor(users[who]);
  const deliver = () => t.app.get(WebhookDelivery).deliverDue();
  const verify = (hit: Hit, secret: string) => new Webhook(secret).verify(hit.body, hit.headers as Record<string, string>);
  const register = (who: keyof typeof users, url: string, description = 'Our case system') =>
    t.gql(REGISTER, { input: { url, description, eventTypes: ['DOCKET_ENTRY'] } }, token(who));
  const newDispute = async (title: string, by: keyof typeof users = 'chn', respondent = 'PAK'): Promise<string> => {
    // A second apart, as real requests are: the deliveries list newest first, and the test clock stands still.
    t.clock.advance(1000);
    const res = await t.gql(REQUEST, { respondent, title }, token(by));
    expect(res.errors).toBeUndefined();
    return res.data!.requestConsultations.id;
  };
  const deliveriesOf = async (endpoint: keyof typeof endpoints, who: keyof typeof users = endpoint) => {
    const res = await t.gql(DELIVERIES, { id: endpoints[endpoint].id, first: 100 }, token(who));
    expect(res.errors).toBeUndefined();
    return res.data!.webhookDeliveries.nodes as Record<string, any>[];
  };

  beforeAll(async () => {
    await receiver.start();
    // Standard Webhooks receivers refuse a timestamp more than five minutes from their own clock:
    // the test clock starts at the real time.
    t = await startTestApp({ start: new Date().toISOString() });
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
      ['IDN', 'Indonesia'],
    ] as const) {
      members[code] = await createMember(t.db, { code, name });
    }
    users.chn = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.pak = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.PAK.id });
    users.idn = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.IDN.id });
    users.secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    users.panelist = await createUser(t.db, { role: 'PANELIST' });
    users.reader = await createUser(t.db, { role: 'PANELIST' });
    for (const who of ['chn', 'pak', 'idn', 'secretariat'] as const) {
      const res = await register(who, `${receiver.base}/${who}`);
      expect(res.errors).toBeUndefined();
      endpoints[who] = { id: res.data!.registerWebhook.endpoint.id, secret: res.data!.registerWebhook.secret };
    }
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  it('registers an endpoint for the caller’s member and shows its secret once', async () => {
    const res = await register('chn', `${receiver.base}/other`, 'A second system');
    expect(res.errors).toBeUndefined();
    const { endpoint, secret } = res.data!.registerWebhook;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toMatchObject({ memberCode: 'CHN', eventTypes: ['DOCKET_ENTRY'], active: true, description: 'A second system' });
    const sec = await t.gql(`{ webhooks(first: 10) { nodes { id memberCode } } }`, {}, token('secretariat'));
    expect(sec.data!.webhooks.nodes).toEqual([{ id: endpoints.secretariat.id, memberCode: null }]);
    const chn = await t.gql(`{ webhooks(first: 10) { nodes { id } } }`, {}, token('chn'));
    expect(chn.data!.webhooks.nodes.map((n: { id: string }) => n.id).sort()).toEqual([endpoint.id, endpoints.chn.id].sort());
    // Stored sealed, never in clear, and never in the audit trail.
    const [row] = await t.db.query('SELECT secret_sealed FROM webhook_endpoints WHERE id = $1', [endpoint.id]);
    expect(row.secret_sealed).not.toContain(secret.slice(6));
    const audit = await t.db.query(`SELECT details::text AS details FROM audit_log WHERE operation = 'registerWebhook'`);
    expect(audit.length).toBe(5);
    for (const a of audit) {
      expect(a.details).not.toContain('whsec_');
      expect(a.details).not.toContain('/other');
    }
    await t.gql(`mutation($id: ID!) { disableWebhook(id: $id) { id } }`, { id: endpoint.id }, token('chn'));
  });

  it('delivers a filing, signed, to the parties’ and the secretariat’s endpoints only', async () => {
    receiver.hits.length = 0;
    const disputeId = await newDispute('Steel');
    expect(receiver.hits).toEqual([]); // the worker sends, not the command
    expect(await deliver()).toBe(3);
    expect(receiver.hits.map((h) => h.path).sort()).toEqual(['/chn', '/pak', '/secretariat']);
    for (const who of ['chn', 'pak', 'secretariat'] as const) {
      const [hit] = receiver.to(`/${who}`);
      const payload = verify(hit, endpoints[who].secret) as Record<string, any>;
      expect(hit.headers['content-type']).toBe('application/json');
      expect(hit.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(payload).toMatchObject({
        type: 'docket.entry',
        data: { disputeId, seq: 1, kind: 'requestConsultations', actorRole: 'COMPLAINANT', docketNumber: expect.stringMatching(/^DS\d+$/) },
      });
      // Signed with this endpoint's secret, not another's.
      const other = who === 'chn' ? endpoints.pak : endpoints.chn;
      expect(() => verify(hit, other.secret)).toThrow();
    }
    const [delivery] = await deliveriesOf('chn');
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatus: 200, lastResponse: 'thanks', nextAttemptAt: null });
    expect(delivery.attemptLog).toEqual([{ status: 200, response: 'thanks', error: null }]);
    expect(await deliver()).toBe(0); // delivered once
    expect(receiver.hits.length).toBe(3);
  });

  it('sends each endpoint only the documents its owner may see: never a confidential one it may not', async () => {
    const disputeId = await newDispute('Copper');
    await deliver();
    receiver.hits.length = 0;
    const file = (title: string, classification: string, extra: Record<string, unknown> = {}) =>
      t.gql(
        `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`,
        {
          input: {
            disputeId,
            kind: 'OTHER',
            title,
            fileName: 'f.txt',
            mediaType: 'text/plain',
            content: Buffer.from(title).toString('base64'),
            classification,
            ...extra,
          },
        },
        token('chn'),
      );
    const restricted = await file('Restricted-title-7f3a', 'RESTRICTED');
    expect(restricted.errors).toBeUndefined();
    const confidential = await file('Confidential-title-9c1e', 'CONFIDENTIAL', { readerIds: [users.reader.id] });
    expect(confidential.errors).toBeUndefined();
    const restrictedId = restricted.data!.fileDocument.id;
    const confidentialId = confidential.data!.fileDocument.id;
    await deliver();
    const bodies = (who: string) => receiver.to(`/${who}`).map((h) => h.body);
    for (const who of ['chn', 'pak', 'secretariat'] as const) {
      expect(bodies(who).length).toBe(2);
      for (const body of bodies(who)) {
        // Not the confidential document, by id or by title, to anyone: its filer's member is not its filer.
        expect(body).not.toContain(confidentialId);
        expect(body).not.toContain('Confidential-title-9c1e');
      }
      const docs = receiver.to(`/${who}`).flatMap((h) => (verify(h, endpoints[who].secret) as any).data.documents);
      expect(docs.map((d: { id: string }) => d.id)).toEqual([restrictedId]);
      expect(docs[0]).toMatchObject({
        title: 'Restricted-title-7f3a',
        classification: 'RESTRICTED',
        downloadPath: `/documents/${restrictedId}/content`,
      });
    }
    expect(bodies('idn')).toEqual([]); // not a party
  });

  it('retries a receiver that answered 500 after the backoff, logging both attempts, with the same webhook-id', async () => {
    receiver.hits.length = 0;
    receiver.answer('/chn', 500, 200);
    await newDispute('Aluminium');
    await deliver();
    expect(receiver.to('/chn').length).toBe(1);
    let [delivery] = await deliveriesOf('chn');
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 1, lastStatus: 500, lastResponse: 'failure 500 at /chn' });
    expect(new Date(delivery.nextAttemptAt).getTime() - t.clock.now().getTime()).toBe(30_000);
    expect(await deliver()).toBe(0); // not before the backoff
    expect(receiver.to('/chn').length).toBe(1);
    t.clock.advance(31_000);
    expect(await deliver()).toBe(1);
    const hits = receiver.to('/chn');
    expect(hits.length).toBe(2);
    expect(hits[1].headers['webhook-id']).toBe(hits[0].headers['webhook-id']);
    expect(hits[1].headers['webhook-timestamp']).not.toBe(hits[0].headers['webhook-timestamp']);
    verify(hits[1], endpoints.chn.secret);
    [delivery] = await deliveriesOf('chn');
    expect(delivery).toMatchObject({
      id: hits[0].headers['webhook-id'],
      status: 'DELIVERED',
      attempts: 2,
      lastStatus: 200,
      lastError: null,
    });
    expect(delivery.attemptLog).toEqual([
      { status: 200, response: 'thanks', error: null },
      { status: 500, response: 'failure 500 at /chn', error: 'The endpoint answered 500' },
    ]);
    // Each batch's outcomes are one audited command.
    const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE operation = 'deliverWebhooks' ORDER BY seq DESC LIMIT 1`);
    expect(audit.details).toMatchObject({ delivered: 1, retrying: 0, failed: 0, ids: [delivery.id] });
  });

  it('gives up after the last retry, and a replay sends the same webhook-id again', async () => {
    receiver.hits.length = 0;
    receiver.answer('/pak', 503, 503, 503, 503, 503, 503, 503);
    await newDispute('Zinc');
    const waits = [30, 300, 1800, 7200, 18000, 36000];
    await deliver();
    for (const wait of waits) {
      t.clock.advance(wait * 1000);
      await deliver();
    }
    expect(receiver.to('/pak').length).toBe(7);
    let [delivery] = await deliveriesOf('pak');
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 7, lastStatus: 503 });
    t.clock.advance(86_400_000);
    await deliver();
    expect(receiver.to('/pak').length).toBe(7); // given up on
    // Replay: a new attempt of the same message, now.
    t.clock.set(new Date().toISOString());
    const replay = await t.gql(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { id status } }`, { id: delivery.id }, token('pak'));
    expect(replay.data!.replayWebhookDelivery).toEqual({ id: delivery.id, status: 'PENDING' });
    expect(await deliver()).toBe(1);
    const hits = receiver.to('/pak');
    expect(hits.length).toBe(8);
    expect(hits[7].headers['webhook-id']).toBe(delivery.id);
    expect(verify(hits[7], endpoints.pak.secret)).toEqual(delivery.payload);
    [delivery] = await deliveriesOf('pak');
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 1 });
    expect(delivery.attemptLog.length).toBe(8);
  });

  it('refuses bad URLs and event lists with their codes', async () => {
    const cases: [string, string][] = [
      ['ftp://127.0.0.1/hook', 'WEBHOOK_URL_INVALID'],
      ['not a url', 'WEBHOOK_URL_INVALID'],
      [`http://user:secret@127.0.0.1:1/hook`, 'WEBHOOK_URL_INVALID'],
      ['http://hooks.example.org/hook', 'WEBHOOK_URL_NOT_HTTPS'],
      ['http://10.0.0.1/hook', 'WEBHOOK_URL_NOT_HTTPS'],
    ];
    for (const [url, code] of cases) {
      const res = await register('chn', url);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: code, field: 'input.url' });
    }
    const none = await t.gql(REGISTER, { input: { url: `${receiver.base}/x`, description: 'x', eventTypes: [] } }, token('chn'));
    expect(none.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'WEBHOOK_EVENT_TYPES_REQUIRED' });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM webhook_endpoints WHERE url NOT LIKE $1`, [
      `${receiver.base}/%`,
    ]);
    expect(count).toBe(0);
  });

  it('refuses panelists and the public, and hides one owner’s endpoints from every other', async () => {
    const panelist = await register('panelist', `${receiver.base}/panel`);
    expect(panelist.errors![0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await t.gql(REGISTER, { input: { url: `${receiver.base}/anon`, description: 'x', eventTypes: ['DOCKET_ENTRY'] } });
    expect(anonymous.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const panelList = await t.gql(`{ webhooks(first: 5) { nodes { id } } }`, {}, token('panelist'));
    expect(panelList.errors![0].extensions.code).toBe('FORBIDDEN');
    const [chnDelivery] = await deliveriesOf('chn');
    // PAK's delegate and the secretariat, on CHN's endpoint and delivery: NOT_FOUND, as if they did not exist.
    for (const who of ['pak', 'secretariat'] as const) {
      const ops: [string, Record<string, unknown>, string][] = [
        [`mutation($id: ID!) { disableWebhook(id: $id) { id } }`, { id: endpoints.chn.id }, 'WEBHOOK_NOT_FOUND'],
        [`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: endpoints.chn.id }, 'WEBHOOK_NOT_FOUND'],
        [DELIVERIES, { id: endpoints.chn.id }, 'WEBHOOK_NOT_FOUND'],
        [`mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }`, { id: chnDelivery.id }, 'WEBHOOK_DELIVERY_NOT_FOUND'],
      ];
      for (const [query, variables, code] of ops) {
        const res = await t.gql(query, variables, token(who));
        expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', domainCode: code });
        expect(JSON.stringify(res)).not.toContain(receiver.base);
      }
      const list = await t.gql(`{ webhooks(first: 10) { nodes { id } } }`, {}, token(who));
      expect(list.data!.webhooks.nodes.map((n: { id: string }) => n.id)).not.toContain(endpoints.chn.id);
    }
    const [row] = await t.db.query('SELECT disabled_at, secret_rotated_at FROM webhook_endpoints WHERE id = $1', [endpoints.chn.id]);
    expect(row).toEqual({ disabled_at: null, secret_rotated_at: null });
  });

  it('a rotated secret signs from then on; a disabled endpoint receives nothing more', async () => {
    const rotated = await t.gql(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: endpoints.idn.id }, token('idn'));
    const secret = rotated.data!.rotateWebhookSecret.secret;
    expect(secret).not.toBe(endpoints.idn.secret);
    receiver.hits.length = 0;
    await newDispute('Tin', 'idn', 'CHN');
    await deliver();
    const [hit] = receiver.to('/idn');
    verify(hit, secret);
    expect(() => verify(hit, endpoints.idn.secret)).toThrow();
    endpoints.idn.secret = secret;
    const disabled = await t.gql(`mutation($id: ID!) { disableWebhook(id: $id) { active } }`, { id: endpoints.idn.id }, token('idn'));
    expect(disabled.data!.disableWebhook.active).toBe(false);
    const again = await t.gql(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: endpoints.idn.id }, token('idn'));
    expect(again.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'WEBHOOK_DISABLED' });
    receiver.hits.length = 0;
    await newDispute('Lead', 'idn', 'CHN');
    await deliver();
    expect(receiver.to('/idn')).toEqual([]);
    expect(receiver.to('/chn').length).toBe(1);
  });

  it('a rolled-back step leaves no delivery', async () => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM webhook_deliveries');
    let fail = true;
    // Registered after the webhooks' observer, so it runs once the deliveries are written.
    t.app.get(DocketObservers).register(async () => {
      if (fail) throw new Error('a later part of the step failed');
    });
    const res = await t.gql(REQUEST, { respondent: 'PAK', title: 'Nickel' }, token('chn'));
    fail = false;
    expect(res.errors![0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await t.db.query('SELECT count(*)::int AS n FROM webhook_deliveries')).toEqual(before);
    receiver.hits.length = 0;
    expect(await deliver()).toBe(0);
    expect(receiver.hits).toEqual([]);
    // The same step, not failing, does write them: the count above could change.
    await newDispute('Nickel');
    const after = await t.db.query('SELECT count(*)::int AS n FROM webhook_deliveries');
    expect(after[0].n).toBe(before[0].n + 3);
  });

  it('pages the deliveries of an endpoint', async () => {
    const first = await t.gql(DELIVERIES, { id: endpoints.secretariat.id, first: 2 }, token('secretariat'));
    expect(first.data!.webhookDeliveries.nodes.length).toBe(2);
    expect(first.data!.webhookDeliveries.pageInfo.hasNextPage).toBe(true);
    const next = await t.gql(
      DELIVERIES,
      { id: endpoints.secretariat.id, first: 2, after: first.data!.webhookDeliveries.pageInfo.endCursor },
      token('secretariat'),
    );
    const ids = [...first.data!.webhookDeliveries.nodes, ...next.data!.webhookDeliveries.nodes].map((n: { id: string }) => n.id);
    expect(new Set(ids).size).toBe(4);
  });
});

describe('webhooks in production', () => {
  let t: TestApp;
  let delegate: UserEntity;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({ env: { NODE_ENV: 'production' }, start: new Date().toISOString() });
    const member = await createMember(t.db, { code: 'KAZ', name: 'Kazakhstan' });
    delegate = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    await createMember(t.db, { code: 'THA', name: 'Thailand' });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const register = (url: string) =>
    t.gql(REGISTER, { input: { url, description: 'x', eventTypes: ['DOCKET_ENTRY'] } }, t.tokenFor(delegate));

  it('refuses http, and hosts that are or resolve to internal addresses', async () => {
    const service = t.app.get(WebhooksService);
    service.lookup = async (host) => (host === 'internal.example.org' ? [{ address: '10.0.0.8', family: 4 }] : []);
    const cases: [string, string][] = [
      [`${receiver.base}/hook`, 'WEBHOOK_URL_NOT_HTTPS'],
      ['https://127.0.0.1/hook', 'WEBHOOK_URL_PRIVATE'],
      ['https://localhost/hook', 'WEBHOOK_URL_PRIVATE'],
      ['https://[::1]/hook', 'WEBHOOK_URL_PRIVATE'],
      ['https://169.254.169.254/latest', 'WEBHOOK_URL_PRIVATE'],
      ['https://internal.example.org/hook', 'WEBHOOK_URL_PRIVATE'],
      ['https://nowhere.example.org/hook', 'WEBHOOK_URL_UNRESOLVABLE'],
    ];
    for (const [url, code] of cases) {
      const res = await register(url);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: code });
    }
  });

  it('checks the address again at each delivery: a name that now resolves to an internal address is not called', async () => {
    const service = t.app.get(WebhooksService);
    service.lookup = async () => [{ address: '93.184.216.34', family: 4 }];
    const res = await register('https://hooks.example.org/dsb');
    expect(res.errors).toBeUndefined();
    const endpointId = res.data!.registerWebhook.endpoint.id;
    // DNS changes: the name now points at this machine. The attempt is refused before any connection.
    service.lookup = async () => [{ address: '127.0.0.1', family: 4 }];
    const filed = await t.gql(REQUEST, { respondent: 'THA', title: 'Wheat' }, t.tokenFor(delegate));
    expect(filed.errors).toBeUndefined();
    expect(await t.app.get(WebhookDelivery).deliverDue()).toBe(0);
    expect(receiver.hits).toEqual([]);
    const deliveries = await t.gql(DELIVERIES, { id: endpointId }, t.tokenFor(delegate));
    const [delivery] = deliveries.data!.webhookDeliveries.nodes;
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 1, lastStatus: null });
    expect(delivery.lastError).toMatch(/^WEBHOOK_URL_PRIVATE: .*127\.0\.0\.1/);
  });
});
