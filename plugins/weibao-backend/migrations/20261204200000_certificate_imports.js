// @ts-check

/**
 * weibao_certificate_imports: one row per certificate CSV imported into a CA system's register,
 * with the fingerprint of what it registered (SHA-256 of its rows, whatever the line endings,
 * column order or blank lines), so that importing the same file again is recognised instead of
 * doubling the register. Written in the same transaction as the batches; never updated.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('weibao_certificate_imports', table => {
    table.comment('Certificate CSV imports, by the fingerprint of their rows');
    table.string('id', 36).primary();
    table.string('system_ref', 255).notNullable();
    table.string('fingerprint', 64).notNullable();
    table.integer('batch_count').notNullable();
    table.string('imported_by', 255).notNullable();
    table.timestamp('imported_at', { useTz: true }).notNullable();
    table.unique(['system_ref', 'fingerprint'], {
      indexName: 'weibao_certificate_imports_fingerprint_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('weibao_certificate_imports');
};
