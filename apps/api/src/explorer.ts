import type { INestApplication } from '@nestjs/common';
import { getDistDirectory, renderAltair } from 'altair-static';
import express, { NextFunction, Request, Response } from 'express';

/**
 * Serves the Altair GraphQL explorer from the npm package, so `/graphql` opened in a browser
 * works without internet access (these machines and many government networks have none).
 */
export function mountExplorer(app: INestApplication): void {
  const html = renderAltair({ baseURL: '/altair/', endpointURL: '/graphql', disableAccount: true });
  app.use('/altair', express.static(getDistDirectory(), { index: false, maxAge: '1d' }));
  app.use('/graphql', (req: Request, res: Response, next: NextFunction) => {
    const wantsPage = req.method === 'GET' && !req.query.query && (req.headers.accept ?? '').includes('text/html');
    if (!wantsPage) return next();
    res.type('html').send(html);
  });
}
