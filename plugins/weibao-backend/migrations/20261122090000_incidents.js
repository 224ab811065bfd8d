// @ts-check

/**
 * Incidents (故障/问题) with their append-only timelines and contract clocks.
 *
 * - weibao_incidents: the current state of each incident (a JSON fold of its timeline) beside
 *   the columns lists filter on. Written in the same transaction as the timeline rows.
 * - weibao_incident_events: the timeline; rows are only ever inserted.
 * - weibao_incident_clocks: each clock's evaluated state at the last write (due, at risk from,
 *   breached, met, next alert), so that "breached" and "at risk" filter in SQL and the sweep
 *   reads only the clocks that have something to say.
 * - weibao_incident_clock_alerts: warning thresholds crossed and breaches, recorded once each
 *   (the unique key makes the sweep idempotent across backend replicas).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('weibao_incidents', table => {
    table.comment('Incidents reported against hospital systems');
    table.string('id', 36).primary();
    table.integer('version').notNullable();
    table.string('system_ref', 255).notNullable();
    table.string('hospital_ref', 255).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('contract_ref', 255).nullable();
    table.integer('level').notNullable();
    table.string('status', 32).notNullable();
    table.string('title', 200).notNullable();
    table.text('search_text').notNullable();
    table.timestamp('reported_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.text('state').notNullable();
    table.index(['system_ref', 'status'], 'weibao_incidents_system_status_idx');
    table.index(['owner_ref', 'reported_at'], 'weibao_incidents_owner_idx');
    table.index(
      ['hospital_ref', 'reported_at'],
      'weibao_incidents_hospital_idx',
    );
    table.index(['reported_at', 'id'], 'weibao_incidents_reported_idx');
  });

  await knex.schema.createTable('weibao_incident_events', table => {
    table.comment('Append-only timeline of each incident');
    table.bigIncrements('id').primary();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('weibao_incidents');
    table.integer('seq').notNullable();
    table.string('type', 40).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.string('actor', 255).notNullable();
    table.text('payload').notNullable();
    table.unique(['incident_id', 'seq'], {
      indexName: 'weibao_incident_events_seq_uq',
    });
  });

  await knex.schema.createTable('weibao_incident_clocks', table => {
    table.comment('Each clock of an incident as evaluated at its last write');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('weibao_incidents');
    table.string('milestone', 32).notNullable();
    table.string('status', 16).notNullable();
    table.boolean('counting').notNullable();
    table.integer('target_seq').notNullable();
    table.timestamp('due_at', { useTz: true }).nullable();
    table.timestamp('at_risk_at', { useTz: true }).nullable();
    table.timestamp('breached_at', { useTz: true }).nullable();
    table.timestamp('met_at', { useTz: true }).nullable();
    // when the sweep should next look at this clock: a warning threshold, the due time, or a
    // breach to record; null when nothing more can happen until the next write
    table.timestamp('next_alert_at', { useTz: true }).nullable();
    table.string('calendar_version', 120).notNullable();
    table.primary(['incident_id', 'milestone']);
    table.index(['counting', 'due_at'], 'weibao_incident_clocks_due_idx');
    table.index(['next_alert_at'], 'weibao_incident_clocks_alert_idx');
  });

  await knex.schema.createTable('weibao_incident_clock_alerts', table => {
    table.comment(
      'Warning thresholds crossed and breaches, each recorded once',
    );
    table.bigIncrements('id').primary();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('weibao_incidents');
    table.string('milestone', 32).notNullable();
    table.integer('target_seq').notNullable();
    table.string('kind', 16).notNullable();
    table.integer('percent').notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.timestamp('notified_at', { useTz: true }).notNullable();
    table.unique(
      ['incident_id', 'milestone', 'target_seq', 'kind', 'percent'],
      {
        indexName: 'weibao_incident_clock_alerts_uq',
      },
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('weibao_incident_clock_alerts');
  await knex.schema.dropTable('weibao_incident_clocks');
  await knex.schema.dropTable('weibao_incident_events');
  await knex.schema.dropTable('weibao_incidents');
};
