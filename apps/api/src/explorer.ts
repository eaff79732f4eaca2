import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDistDirectory, renderAltair } from 'altair-static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream, realpathSync, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { urlPath } from '@app/core';
import { DEMO_USERS } from './demo/demo-data';
import { EXPLORER_EXAMPLES } from './explorer/examples';
import { SIGN_IN_SCRIPT, SIGN_OUT_ON_REFUSAL_SCRIPT } from './explorer/sign-in-script';

/** Where the explorer's assets are served from (the page itself is `/graphql`). */
export const EXPLORER_ASSETS_PATH = '/altair/';

/**
 * The options Altair starts with: a window per kind of user with its example operations
 * (explorer/examples.ts), each signing in through the API's own `login` with the active
 * environment's email and password (explorer/sign-in-script.ts), and an environment per demo user
 * (README.md, "Exploring the API"). Nothing here reaches outside the application: no account (its
 * cloud service), no plugins (they load from a CDN), no update or banner checks.
 */
export function explorerOptions(): Parameters<typeof renderAltair>[0] {
  return {
    baseURL: EXPLORER_ASSETS_PATH,
    endpointURL: '/graphql',
    disableAccount: true,
    // Its own namespace in the browser's storage: an Altair used for another API on this host keeps its windows apart.
    instanceStorageNamespace: 'dispute_body_',
    initialWindows: EXPLORER_EXAMPLES.map((example) => ({
      initialName: example.title,
      endpointURL: '/graphql',
      initialQuery: example.query,
      initialVariables: JSON.stringify(example.variables, null, 2),
      initialPreRequestScript: SIGN_IN_SCRIPT,
      initialPostRequestScript: SIGN_OUT_ON_REFUSAL_SCRIPT,
    })),
    initialEnvironments: {
      // Anonymous unless an environment with an email is picked: "No environment" is the public.
      base: { title: 'Global environment', variables: {} },
      subEnvironments: [
        ...DEMO_USERS.map((user) => ({
          id: `demo-${user.email}`,
          title: `${user.displayName}: ${user.email}`,
          variables: { email: user.email, password: user.password, code: '' },
        })),
        { id: 'own-account', title: 'My account', variables: { email: '', password: '', code: '' } },
      ],
    },
    initialSettings: {
      'introspection.options.description': true,
      'schema.reloadOnStart': true,
      'alert.disableUpdateNotification': true,
      'banners.disable': true,
      disablePushNotification: true,
      'plugin.list': [],
    },
  };
}

/** How long a browser keeps an asset without asking again (then revalidated by its ETag or date). */
const ASSET_MAX_AGE_SECONDS = 24 * 60 * 60;

/**
 * The Content-Type of the kinds of file Altair's build holds (and a few more), as Express's static
 * files had them (the mime-types database, `charset=utf-8` for text); anything else is sent as
 * bytes.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.gif': 'image/gif',
  '.html': 'text/html; charset=utf-8',
  '.ico': 'image/vnd.microsoft.icon',
  '.jpg': 'image/jpeg',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/**
 * Serves the Altair GraphQL explorer from the npm package, so `/graphql` opened in a browser
 * works without internet access (these machines and many government networks have none).
 * Mounted outside production only (bootstrap.ts), before the application is initialised (Fastify
 * takes no route or hook once it is ready): its files as a route of the Fastify instance itself
 * (no @fastify/static: its dependencies are ES modules, which jest cannot load), the page from a
 * hook in front of Apollo's own GET /graphql.
 */
export function mountExplorer(app: NestFastifyApplication): void {
  const html = renderAltair(explorerOptions());
  const fastify = app.getHttpAdapter().getInstance();
  const root = realpathSync(getDistDirectory());
  // Any file of Altair's build, HEAD as well as GET (a HEAD route of Fastify's making).
  fastify.get(`${EXPLORER_ASSETS_PATH}*`, (req, reply) => serveAsset(root, req, reply));
  // The page, for a browser opening /graphql; any other request goes on to Apollo.
  fastify.addHook('onRequest', (req, reply, done) => {
    if (!wantsExplorerPage(req)) return done();
    void reply.type('text/html; charset=utf-8').send(html); // Answered here: Fastify goes no further.
  });
}

/** A browser's GET of /graphql (or below it, any case): no `?query=`, HTML accepted. */
function wantsExplorerPage(req: FastifyRequest): boolean {
  if (req.method !== 'GET') return false;
  const path = urlPath(req.url);
  const lower = path.toLowerCase();
  const query = req.url.slice(path.length + 1);
  if (lower !== '/graphql' && !lower.startsWith('/graphql/')) return false;
  return !new URLSearchParams(query).get('query') && (req.headers.accept ?? '').includes('text/html');
}

/**
 * One file of Altair's build (`root`, a real path), with its type, length, a day of caching and
 * the validators of a static file (a weak ETag of its size and time, Last-Modified) that answer a
 * revalidation 304. Whatever is not a file inside `root` (a path climbing out of it, or through a
 * link out of it, a dotfile, a directory, nothing) is answered as any unknown route is: 404.
 */
async function serveAsset(root: string, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const found = await assetFile(root, urlPath(req.url).slice(EXPLORER_ASSETS_PATH.length));
  if (!found) {
    reply.callNotFound();
    return reply;
  }
  const { file, stats } = found;
  const etag = `W/"${stats.size.toString(16)}-${stats.mtime.getTime().toString(16)}"`;
  const lastModified = stats.mtime.toUTCString();
  reply.header('Cache-Control', `public, max-age=${ASSET_MAX_AGE_SECONDS}`);
  reply.header('Last-Modified', lastModified);
  reply.header('ETag', etag);
  if (isFresh(req, etag, lastModified)) return reply.code(304).send();
  reply.header('Content-Type', CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
  reply.header('Content-Length', String(stats.size));
  return reply.send(createReadStream(file));
}

/** The file `urlPath` (as sent, relative to `root`) names, or null when it names no file inside `root`. */
async function assetFile(root: string, urlPath: string): Promise<{ file: string; stats: Stats } | null> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // No NUL, no dotfile nor `..` (a segment starting with a dot), as static files refused them.
  if (path.includes('\0') || path.split(/[\\/]/).some((segment) => segment.length > 1 && segment.startsWith('.'))) return null;
  const inside = (candidate: string) => candidate.startsWith(root + sep);
  const named = resolve(root, `.${sep}${path}`);
  if (!inside(named)) return null;
  try {
    // Its real path too: a link inside the build must not lead out of it.
    const file = await realpath(named);
    const stats = await stat(file);
    return inside(file) && stats.isFile() ? { file, stats } : null;
  } catch {
    return null;
  }
}

/**
 * Whether the browser's copy is current, as static files answered it: each validator it sends
 * matches (If-None-Match by weak comparison, If-Modified-Since), and it did not ask past its cache.
 */
function isFresh(req: FastifyRequest, etag: string, lastModified: string): boolean {
  const noneMatch = req.headers['if-none-match'];
  const modifiedSince = req.headers['if-modified-since'];
  if (!noneMatch && !modifiedSince) return false;
  if (/(?:^|,)\s*no-cache\s*(?:,|$)/.test(req.headers['cache-control'] ?? '')) return false;
  if (noneMatch && noneMatch.trim() !== '*') {
    const strong = etag.slice(2);
    if (!noneMatch.split(',').some((tag) => [etag, strong].includes(tag.trim()))) return false;
  }
  return !modifiedSince || Date.parse(lastModified) <= Date.parse(modifiedSince);
}
