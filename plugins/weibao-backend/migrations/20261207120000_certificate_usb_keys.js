// @ts-check

/**
 * weibao_certificate_batches.usb_keys: how many physical USB keys (USB Key 数量) a batch on the
 * usb-key medium is on, as its import stated (0 up to its count). The register counts USB keys
 * from it against the contract's minimum, never the certificates. Null on other media, and for
 * the batches registered before this column: their keys were never stated, and the register
 * says so instead of guessing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('weibao_certificate_batches', table => {
    table
      .integer('usb_keys')
      .nullable()
      .comment(
        'USB keys the batch is on (usb-key medium only); null: not stated',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('weibao_certificate_batches', table => {
    table.dropColumn('usb_keys');
  });
};
