import { Module } from '@nestjs/common';
import { ReputationController } from './reputation.controller';
import { SiteController } from './site.controller';
import { SitePages } from './site-pages';

/** The public web pages, rendered from the GraphQL schema as an anonymous reader (README, Public pages). */
@Module({ controllers: [SiteController, ReputationController], providers: [SitePages] })
export class SiteModule {}
