import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';

/** An answer read whole, as text. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  port: number;
  method: string;
  path: string;
  /** A JSON text (the content type is JSON whatever is sent). */
  body?: string;
  token?: string;
  headers?: Record<string, string>;
  /** The connection's agent: a kept-alive one reaches the same process again; `false` a new connection. */
  agent?: Agent | false;
}

/**
 * One request on a real socket to 127.0.0.1 (supertest needs the application object; a test of
 * separate processes has only their port), with the agent the test chooses: several API
 * processes on one port are told apart by the connection a request goes on.
 */
export function rawRequest(options: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        method: options.method,
        agent: options.agent,
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
