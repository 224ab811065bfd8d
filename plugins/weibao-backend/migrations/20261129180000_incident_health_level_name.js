// @ts-check

/**
 * The level name of each incident's health row: what the contract the incident was reported
 * under calls its level (e.g. 系统灾难故障), so that the health summary can show it without
 * reading the incident's state or the catalog. Null for an incident without a contract.
 *
 * Filled here from the terms kept in each open incident's state.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('weibao_incident_health', table => {
    table.string('level_name', 200).nullable();
  });

  const rows = await knex('weibao_incident_health as h')
    .join('weibao_incidents as i', 'i.id', 'h.incident_id')
    .select('h.incident_id', 'i.level', 'i.state');
  /** @type {Map<string, string[]>} incident ids by level name */
  const byName = new Map();
  for (const row of rows) {
    /** @type {{ terms?: { levels?: Array<{ level: number, name?: string }> } | null }} */
    const state = JSON.parse(row.state);
    const name = state.terms?.levels?.find(
      l => l.level === Number(row.level),
    )?.name;
    if (!name) continue;
    const ids = byName.get(name) ?? [];
    ids.push(row.incident_id);
    byName.set(name, ids);
  }
  // a contract has a handful of level names: one update per name and batch of ids
  for (const [name, ids] of byName) {
    for (let i = 0; i < ids.length; i += 500) {
      await knex('weibao_incident_health')
        .whereIn('incident_id', ids.slice(i, i + 500))
        .update({ level_name: name.slice(0, 200) });
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('weibao_incident_health', table => {
    table.dropColumn('level_name');
  });
};
