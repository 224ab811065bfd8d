// @ts-check

/**
 * What the health summary of a hospital system reads of its incidents, one row per incident
 * that is open or awaiting the hospital's confirmation (resolved): its level, status and title
 * and the clocks still counting (for an open incident), as evaluated at its last write. Rows are
 * written in the same transaction as the incident and its clock rows, and removed when it is
 * confirmed or closed (or deleted: the foreign key cascades), so that the summary reads a few
 * narrow rows by system instead of the incidents table and a join with the clocks.
 *
 * Filled here from the incidents and clocks already stored.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('weibao_incident_health', table => {
    table.comment(
      'Open and resolved incidents with their counting clocks, for the health summary',
    );
    table
      .string('incident_id', 36)
      .primary()
      .references('id')
      .inTable('weibao_incidents')
      .onDelete('CASCADE');
    table.string('system_ref', 255).notNullable();
    table.string('hospital_ref', 255).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.integer('level').notNullable();
    table.string('status', 32).notNullable();
    table.string('title', 200).notNullable();
    // [{ milestone, status, due_at, at_risk_at, breached_at }], instants in epoch ms; [] when resolved
    table.json('clocks').notNullable();
    table.index(['system_ref'], 'weibao_incident_health_system_idx');
  });

  const statuses = [
    'reported',
    'acknowledged',
    'dispatched',
    'on-site',
    'remote',
    'resolved',
  ];
  const ms = (/** @type {unknown} */ value) => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value.getTime();
    if (typeof value === 'number') return value;
    return new Date(String(value)).getTime();
  };
  // open and resolved incidents are a few per cent of all: read them in one pass
  const summarised = await knex('weibao_incidents')
    .whereIn('status', statuses)
    .select(
      'id',
      'system_ref',
      'hospital_ref',
      'owner_ref',
      'level',
      'status',
      'title',
    );
  for (let from = 0; from < summarised.length; from += 500) {
    const incidents = summarised.slice(from, from + 500);
    const clocks = await knex('weibao_incident_clocks')
      .whereIn(
        'incident_id',
        incidents.map(i => i.id),
      )
      .where('counting', true)
      .orderBy(['incident_id', 'milestone'])
      .select(
        'incident_id',
        'milestone',
        'status',
        'due_at',
        'at_risk_at',
        'breached_at',
      );
    const clocksOf = new Map();
    for (const c of clocks) {
      const list = clocksOf.get(c.incident_id) ?? [];
      list.push({
        milestone: c.milestone,
        status: c.status,
        due_at: ms(c.due_at),
        at_risk_at: ms(c.at_risk_at),
        breached_at: ms(c.breached_at),
      });
      clocksOf.set(c.incident_id, list);
    }
    const rows = incidents.map(i => ({
      incident_id: i.id,
      system_ref: i.system_ref,
      hospital_ref: i.hospital_ref,
      owner_ref: i.owner_ref,
      level: i.level,
      status: i.status,
      title: i.title,
      clocks: JSON.stringify(
        i.status === 'resolved' ? [] : clocksOf.get(i.id) ?? [],
      ),
    }));
    for (let i = 0; i < rows.length; i += 50) {
      await knex('weibao_incident_health').insert(rows.slice(i, i + 50));
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('weibao_incident_health');
};
