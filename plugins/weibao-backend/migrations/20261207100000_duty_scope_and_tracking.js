// @ts-check

/**
 * Issue 16: duties of a system vs. duties of the contract, and the day Weibao starts tracking a
 * contract.
 *
 * - weibao_obligation_occurrences.system_ref: the system a duty of each system belongs to (its
 *   backups); null for a duty of the contract as a whole (its quarterly inspection). Rows written
 *   before are all of the contract: the sync re-plans duties of each system under new keys.
 * - weibao_obligation_occurrences.before_tracking: 1 when the occurrence is due before the
 *   contract's tracking start: neither overdue nor counted. Kept in step by the sync.
 * - weibao_obligation_contracts.first_seen_at: when Weibao first saw the contract, the default
 *   tracking start. For contracts synced before, the first history row of their occurrences
 *   (when they were first planned), else their last sync.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('weibao_obligation_occurrences', table => {
    table.string('system_ref', 255).nullable();
    table.integer('before_tracking').notNullable().defaultTo(0);
    table.index(['system_ref', 'due_at'], 'weibao_obligation_occ_system_idx');
    table.index(
      ['contract_ref', 'obligation_id'],
      'weibao_obligation_occ_duty_idx',
    );
  });
  await knex.schema.alterTable('weibao_obligation_contracts', table => {
    table.timestamp('first_seen_at', { useTz: true }).nullable();
  });
  await knex('weibao_obligation_contracts as c').update({
    first_seen_at: knex.raw(
      `coalesce((select min(e.at) from weibao_obligation_events e
        join weibao_obligation_occurrences o on o.id = e.occurrence_id
        where o.contract_ref = c.contract_ref), c.synced_at)`,
    ),
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('weibao_obligation_contracts', table => {
    table.dropColumn('first_seen_at');
  });
  await knex.schema.alterTable('weibao_obligation_occurrences', table => {
    table.dropIndex([], 'weibao_obligation_occ_duty_idx');
    table.dropIndex([], 'weibao_obligation_occ_system_idx');
    table.dropColumn('before_tracking');
    table.dropColumn('system_ref');
  });
};
