// @ts-check

/**
 * Upgrade plans (升级方案 with 回退预案) and drills (应急演练).
 *
 * - weibao_upgrade_plans: the current state of each plan (a fold of its history) beside the
 *   columns lists filter on; weibao_upgrade_events: the append-only history.
 * - weibao_drills: drill records (scenario, participants, recovery time against the target,
 *   findings, follow-ups); weibao_drill_events: their append-only history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('weibao_upgrade_plans', table => {
    table.comment('Upgrade plans of hospital systems');
    table.string('id', 36).primary();
    table.integer('version').notNullable();
    table.string('system_ref', 255).notNullable();
    table.string('hospital_ref', 255).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('status', 20).notNullable();
    table.timestamp('window_start', { useTz: true }).notNullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.text('state').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(
      ['system_ref', 'window_start'],
      'weibao_upgrade_plans_system_idx',
    );
    table.index(
      ['owner_ref', 'window_start'],
      'weibao_upgrade_plans_owner_idx',
    );
  });

  await knex.schema.createTable('weibao_upgrade_events', table => {
    table.comment('Append-only history of upgrade plans');
    table.bigIncrements('id').primary();
    table
      .string('plan_id', 36)
      .notNullable()
      .references('id')
      .inTable('weibao_upgrade_plans');
    table.integer('seq').notNullable();
    table.string('type', 40).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.string('actor', 255).notNullable();
    table.text('payload').notNullable();
    table.unique(['plan_id', 'seq'], {
      indexName: 'weibao_upgrade_events_seq_uq',
    });
  });

  await knex.schema.createTable('weibao_drills', table => {
    table.comment(
      'Drills: scenario, recovery time against its target, findings',
    );
    table.string('id', 36).primary();
    table.integer('version').notNullable();
    table.string('system_ref', 255).notNullable();
    table.string('hospital_ref', 255).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('contract_ref', 255).nullable();
    table.string('scenario', 200).notNullable();
    table.string('upgrade_plan_id', 36).nullable();
    table.string('occurrence_id', 36).nullable();
    table.timestamp('performed_at', { useTz: true }).notNullable();
    table.integer('recovery_minutes').notNullable();
    table.integer('target_minutes').notNullable();
    table.boolean('passed').notNullable();
    table.text('record').notNullable();
    table.string('recorded_by', 255).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.index(['system_ref', 'performed_at'], 'weibao_drills_system_idx');
    table.index(['upgrade_plan_id'], 'weibao_drills_plan_idx');
  });

  await knex.schema.createTable('weibao_drill_events', table => {
    table.comment('Append-only history of drill records');
    table.bigIncrements('id').primary();
    table
      .string('drill_id', 36)
      .notNullable()
      .references('id')
      .inTable('weibao_drills');
    table.integer('seq').notNullable();
    table.string('type', 40).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 255).notNullable();
    table.text('payload').notNullable();
    table.unique(['drill_id', 'seq'], {
      indexName: 'weibao_drill_events_seq_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('weibao_drill_events');
  await knex.schema.dropTable('weibao_drills');
  await knex.schema.dropTable('weibao_upgrade_events');
  await knex.schema.dropTable('weibao_upgrade_plans');
};
