import { CLOSE_TRY_AGAIN_LATER, type LiveConnection, liveDocketWsOptions } from './live-connection';

interface Hooks {
  onConnect(connection: LiveConnection): Promise<boolean>;
  onClose(connection: LiveConnection): void;
}

/** A connection as graphql-ws hands it, anonymous, recording how its socket was closed. */
function connection(): LiveConnection & { closed: { code: number; reason: string }[] } {
  const closed: { code: number; reason: string }[] = [];
  return { connectionParams: {}, extra: { socket: { close: (code, reason) => closed.push({ code, reason }) } }, closed };
}

describe('live docket connections', () => {
  it('refuses a connection past the bound with 1013 (try again later), and takes one again once another closed', async () => {
    const hooks = liveDocketWsOptions({ production: true, maxConnections: 2 }) as unknown as Hooks;
    const [a, b, c] = [connection(), connection(), connection()];
    expect(await hooks.onConnect(a)).toBe(true);
    expect(await hooks.onConnect(b)).toBe(true);
    expect(await hooks.onConnect(c)).toBe(false);
    expect(c.closed).toEqual([{ code: CLOSE_TRY_AGAIN_LATER, reason: expect.stringContaining('try again later') }]);
    expect(a.closed).toEqual([]);
    hooks.onClose(a);
    const d = connection();
    expect(await hooks.onConnect(d)).toBe(true);
    expect(d.closed).toEqual([]);
  });

  it('counts each process (each options object) on its own', async () => {
    const one = liveDocketWsOptions({ production: true, maxConnections: 1 }) as unknown as Hooks;
    const two = liveDocketWsOptions({ production: true, maxConnections: 1 }) as unknown as Hooks;
    expect(await one.onConnect(connection())).toBe(true);
    expect(await two.onConnect(connection())).toBe(true);
    expect(await one.onConnect(connection())).toBe(false);
  });
});
