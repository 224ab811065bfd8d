// @ts-check

/**
 * weibao_contract_acceptances: the final acceptance (终验) of a contract whose period runs from
 * it, recorded through the API (who, when, on which day): it starts the period. One row per
 * contract, never updated nor deleted (append-only); a contract's YAML `period.start` wins.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('weibao_contract_acceptances', table => {
    table.comment('Final acceptances of contracts that run from acceptance');
    table.string('contract_ref', 255).primary();
    table.string('accepted_on', 10).notNullable().comment('YYYY-MM-DD');
    table.text('note');
    table.string('recorded_by', 255).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('weibao_contract_acceptances');
};
