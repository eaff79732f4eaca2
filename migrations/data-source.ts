// The data source of the TypeORM CLI (`npm run migration:generate -- migrations/Name`).
import { loadConfig } from '@app/core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './index';

const config = loadConfig();
// The CLI also runs and reverts migrations (npm run migration:run, migration:revert): as the owner
// when there is one, since the application role may change no table.
const url = config.DATABASE_OWNER_URL ?? config.DATABASE_URL;
if (!url) {
  throw new Error('Set DATABASE_URL to the database to compare with (see README, "Adding a migration")');
}

export default new DataSource(dataSourceOptions(url));
