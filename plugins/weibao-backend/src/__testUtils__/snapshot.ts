import type { Knex } from 'knex';

/*
 * Every row of the plugin's tables, for tests asserting that a refused request changed nothing.
 * Test code only.
 */

/** The plugin's tables as the database lists them (`weibao_…`), so a new migration's are in. */
export async function weibaoTables(knex: Knex): Promise<string[]> {
  const client = String(knex.client.config.client);
  const rows: Array<{ name: string }> = /sqlite/.test(client)
    ? await knex('sqlite_master')
        .where({ type: 'table' })
        .andWhere('name', 'like', 'weibao%')
        .select('name')
    : (
        await knex.raw(
          `select table_name as name from information_schema.tables
           where table_schema = current_schema() and table_name like 'weibao%'`,
        )
      ).rows;
  return rows
    .map(r => r.name)
    .filter(n => n.startsWith('weibao_'))
    .sort();
}

/**
 * The tables' rows as one string, each table's rows sorted by their JSON text (so that the order
 * an engine returns them in does not matter).
 */
export async function snapshotTables(knex: Knex): Promise<string> {
  const out: Record<string, string[]> = {};
  for (const table of await weibaoTables(knex)) {
    const rows = await knex(table).select();
    out[table] = rows.map(r => JSON.stringify(r)).sort();
  }
  return JSON.stringify(out, null, 1);
}
