import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@weibao/plugin-weibao-backend',
  'migrations',
);

/**
 * The plugin's knex client with every migration of `migrations/` applied (unless the app sets
 * `database.migrations.skip` or the caller asks to skip them). knex's migration lock makes this
 * safe when several replicas start at once.
 */
export async function migratedClient(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<Knex> {
  const knex = await options.database.getClient();
  if (!options.database.migrations?.skip && !options.skipMigrations) {
    await knex.migrate.latest({
      directory: migrationsDir,
      tableName: 'weibao_knex_migrations',
    });
  }
  return knex;
}
