import type { INestApplication } from '@nestjs/common';
import { getDistDirectory, renderAltair } from 'altair-static';
import express, { NextFunction, Request, Response } from 'express';
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

/**
 * Serves the Altair GraphQL explorer from the npm package, so `/graphql` opened in a browser
 * works without internet access (these machines and many government networks have none).
 * Mounted outside production only (bootstrap.ts).
 */
export function mountExplorer(app: INestApplication): void {
  const html = renderAltair(explorerOptions());
  app.use(EXPLORER_ASSETS_PATH.slice(0, -1), express.static(getDistDirectory(), { index: false, maxAge: '1d' }));
  app.use('/graphql', (req: Request, res: Response, next: NextFunction) => {
    const wantsPage = req.method === 'GET' && !req.query.query && (req.headers.accept ?? '').includes('text/html');
    if (!wantsPage) return next();
    res.type('html').send(html);
  });
}
