// The data source of the TypeORM CLI (`npm run migration:generate -- migrations/Name`).
import { loadConfig } from '@app/core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './index';

const url = loadConfig().DATABASE_URL;
if (!url) {
  throw new Error('Set DATABASE_URL to the database to compare with (see README, "Adding a migration")');
}

export default new DataSource(dataSourceOptions(url));
