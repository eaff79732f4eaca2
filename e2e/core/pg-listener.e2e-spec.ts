import { Logger } from '@nestjs/common';
import { PgListener } from '@app/core';
import { TestApp, startTestApp } from '../utils/test-app';

describe('PgListener: a LISTEN on a connection of its own', () => {
  let t: TestApp;
  let listener: PgListener;
  const got: string[] = [];
  const caughtUp: boolean[] = [];
  const waitFor = async (what: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!what() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(what()).toBe(true);
  };

  beforeAll(async () => {
    t = await startTestApp();
    listener = new PgListener({
      url: t.databaseUrl,
      channel: 'pg_listener_test',
      applicationName: 'pg-listener-test',
      label: 'The test listener',
      logger: new Logger('PgListenerTest'),
      onNotification: (payload) => got.push(payload),
      onListening: (reconnected) => {
        caughtUp.push(reconnected);
      },
    });
    await listener.start();
  });
  afterAll(async () => {
    await listener.stop();
    await t.close();
  });

  it('hands each notification of its channel, after commit only', async () => {
    await t.db.query(`SELECT pg_notify('pg_listener_test', 'one'), pg_notify('another_channel', 'no')`);
    await t.db
      .transaction(async (em) => {
        await em.query(`SELECT pg_notify('pg_listener_test', 'rolled back')`);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await t.db.query(`SELECT pg_notify('pg_listener_test', 'two')`);
    await waitFor(() => got.length >= 2);
    expect(got).toEqual(['one', 'two']);
    expect(caughtUp).toEqual([false]);
  });

  it('listens again after its connection is killed, and says so to catch up', async () => {
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pg-listener-test') k`,
    );
    expect(n).toBe(1);
    await waitFor(() => caughtUp.length === 2);
    expect(caughtUp).toEqual([false, true]);
    await listener.ready();
    await t.db.query(`SELECT pg_notify('pg_listener_test', 'three')`);
    await waitFor(() => got.length >= 3);
    expect(got).toEqual(['one', 'two', 'three']);
  });
});
