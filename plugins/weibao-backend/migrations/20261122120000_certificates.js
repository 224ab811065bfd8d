// @ts-check

/**
 * The certificate register (证书台账) of CA systems: personal identity certificates and
 * electronic seals, issued in batches to hospital departments on USB keys, smart cards or
 * crypto cards.
 *
 * - weibao_certificate_batches: the current state of each batch, guarded by its version.
 *   Issue and expiry dates are calendar days, kept as 'YYYY-MM-DD' strings: they sort and compare
 *   as text, and no driver turns them into an instant in some time zone.
 * - weibao_certificate_batch_events: what happened to each batch (imported, updated, retired);
 *   rows are only ever inserted, in the same transaction as the change.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('weibao_certificate_batches', table => {
    table.comment('Batches of certificates and electronic seals of CA systems');
    table.string('id', 36).primary();
    table.integer('version').notNullable();
    table.string('system_ref', 255).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('item', 32).notNullable();
    table.string('medium', 32).notNullable();
    table.string('holder_department', 100).notNullable();
    table.integer('count').notNullable();
    // JSON: { from, to } or a list of serials
    table.text('serials').notNullable();
    table.string('issued_on', 10).notNullable();
    table.string('expires_on', 10).notNullable();
    table.string('note', 500).nullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('retired_at', { useTz: true }).nullable();
    table.string('retired_reason', 16).nullable();
    table.index(
      ['system_ref', 'expires_on'],
      'weibao_certificate_batches_system_idx',
    );
    table.index(['expires_on'], 'weibao_certificate_batches_expires_idx');
  });

  await knex.schema.createTable('weibao_certificate_batch_events', table => {
    table.comment('Append-only history of each certificate batch');
    table.bigIncrements('id').primary();
    table
      .string('batch_id', 36)
      .notNullable()
      .references('id')
      .inTable('weibao_certificate_batches');
    // the version of the batch this event produced
    table.integer('seq').notNullable();
    table.string('type', 16).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 255).notNullable();
    table.text('payload').notNullable();
    table.unique(['batch_id', 'seq'], {
      indexName: 'weibao_certificate_batch_events_seq_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('weibao_certificate_batch_events');
  await knex.schema.dropTable('weibao_certificate_batches');
};
