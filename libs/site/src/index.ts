// The public surface of @app/site: the module that serves the public web pages.
export { SiteModule } from './site.module';
export { SitePages } from './site-pages';
export { escapeHtml, html, trusted } from './html';
