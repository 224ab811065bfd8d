// @ts-check

/**
 * Incidents by contract: the contract standing sums up the breached clocks of a contract's
 * incidents (penalty exposure), so incidents are found by contract_ref.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('weibao_incidents', table => {
    table.index(['contract_ref'], 'weibao_incidents_contract_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('weibao_incidents', table => {
    table.dropIndex(['contract_ref'], 'weibao_incidents_contract_idx');
  });
};
