// @ts-check

/**
 * Recurring obligations (巡检, 报告, 演练, 培训, 备勤通报…) generated from each contract.
 *
 * - weibao_obligation_contracts: each contract as last synced: its owner, hospital and the
 *   calendar terms follow-up due dates are computed with.
 * - weibao_obligation_occurrences: one row per dated duty, keyed by (contract_ref, key); done,
 *   waived and retired ones are kept. A version column guards changes.
 * - weibao_obligation_occurrence_systems: which hospital systems each occurrence concerns
 *   (every covered system for a contract-wide duty), for per-system queries.
 * - weibao_obligation_events: the append-only history of every occurrence.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('weibao_obligation_contracts', table => {
    table.comment('Contracts whose obligations are generated');
    table.string('contract_ref', 255).primary();
    table.string('owner_ref', 255).notNullable();
    table.string('hospital_ref', 255).notNullable();
    table.text('terms').notNullable();
    table.string('calendar_version', 120).notNullable();
    table.timestamp('synced_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('weibao_obligation_occurrences', table => {
    table.comment('Dated duties generated from contract obligations');
    table.string('id', 36).primary();
    table.integer('version').notNullable();
    table.string('contract_ref', 255).notNullable();
    table.string('key', 200).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('hospital_ref', 255).notNullable();
    table.string('obligation_id', 200).notNullable();
    table.string('kind', 40).notNullable();
    table.string('frequency', 40).notNullable();
    table.string('parent_key', 200).nullable();
    table.string('window_start', 10).notNullable();
    table.string('window_end', 10).notNullable();
    table.timestamp('due_at', { useTz: true }).notNullable();
    table.timestamp('done_at', { useTz: true }).nullable();
    table.timestamp('waived_at', { useTz: true }).nullable();
    table.timestamp('retired_at', { useTz: true }).nullable();
    // set once by the job that tells the team (lead time before due; overdue)
    table.timestamp('due_notified_at', { useTz: true }).nullable();
    table.timestamp('overdue_notified_at', { useTz: true }).nullable();
    table.text('plan').notNullable();
    table.text('record').nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['contract_ref', 'key'], {
      indexName: 'weibao_obligation_occurrences_key_uq',
    });
    table.index(['owner_ref', 'due_at'], 'weibao_obligation_occ_owner_idx');
    table.index(['due_at'], 'weibao_obligation_occ_due_idx');
  });

  await knex.schema.createTable(
    'weibao_obligation_occurrence_systems',
    table => {
      table.comment('Hospital systems each occurrence concerns');
      table
        .string('occurrence_id', 36)
        .notNullable()
        .references('id')
        .inTable('weibao_obligation_occurrences');
      table.string('system_ref', 255).notNullable();
      table.primary(['occurrence_id', 'system_ref']);
      table.index(['system_ref'], 'weibao_obligation_systems_idx');
    },
  );

  await knex.schema.createTable('weibao_obligation_events', table => {
    table.comment('Append-only history of obligation occurrences');
    table.bigIncrements('id').primary();
    table
      .string('occurrence_id', 36)
      .notNullable()
      .references('id')
      .inTable('weibao_obligation_occurrences');
    table.integer('seq').notNullable();
    table.string('type', 40).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 255).notNullable();
    table.text('payload').notNullable();
    table.unique(['occurrence_id', 'seq'], {
      indexName: 'weibao_obligation_events_seq_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('weibao_obligation_events');
  await knex.schema.dropTable('weibao_obligation_occurrence_systems');
  await knex.schema.dropTable('weibao_obligation_occurrences');
  await knex.schema.dropTable('weibao_obligation_contracts');
};
