import { Module } from '@nestjs/common';
import { SiteController } from './site.controller';
import { SitePages } from './site-pages';

/** The public web pages, rendered from the GraphQL schema as an anonymous reader (README, Public pages). */
@Module({ controllers: [SiteController], providers: [SitePages] })
export class SiteModule {}
