// The public surface of @app/site: the module that serves the public web pages.
export { SiteModule } from './site.module';
export { SitePages } from './site-pages';
export { escapeHtml, html, trusted } from './html';
// The text a PDF of the site draws, read back: how the tests check the periodic report's PDF.
export { drawnTexts } from './pdf/pdf-text';
export type { DrawnText } from './pdf/pdf-text';
