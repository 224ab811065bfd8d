// @ts-check

/**
 * Duties recorded by machines, and the files that prove a duty was done.
 *
 * - weibao_obligation_runs: one row per run a machine reported (a backup job's run, a scan), keyed
 *   by (source, run_id): the same run reported again finds its row and changes nothing. Written in
 *   the transaction that completes the occurrence; never updated nor deleted.
 * - weibao_evidence_files: uploaded reports (PDF, PNG, JPEG ≤ 20 MB), their bytes in the database
 *   (bytea on PostgreSQL, blob on SQLite) with their SHA-256.
 * - weibao_evidence_file_attachments: which completion (occurrence) each file is evidence of.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('weibao_obligation_runs', table => {
    table.comment(
      'Runs of machines (backup jobs, scanners) that recorded a duty',
    );
    table.string('source', 255).notNullable().comment('who reported it');
    table.string('run_id', 200).notNullable().comment("the job's own id");
    table
      .string('occurrence_id', 36)
      .notNullable()
      .references('id')
      .inTable('weibao_obligation_occurrences');
    table.timestamp('done_at', { useTz: true }).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.primary(['source', 'run_id'], 'weibao_obligation_runs_pk');
    table.index(['occurrence_id'], 'weibao_obligation_runs_occ_idx');
  });

  await knex.schema.createTable('weibao_evidence_files', table => {
    table.comment('Reports attached to completed duties');
    table.string('id', 36).primary();
    table.string('name', 255).notNullable();
    table.string('content_type', 100).notNullable();
    table.integer('size').notNullable();
    table.string('sha256', 64).notNullable();
    table.binary('content').notNullable();
    table.string('uploaded_by', 255).notNullable();
    table.timestamp('uploaded_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('weibao_evidence_file_attachments', table => {
    table.comment('Which completed duty each file is evidence of');
    table
      .string('file_id', 36)
      .notNullable()
      .references('id')
      .inTable('weibao_evidence_files');
    table
      .string('occurrence_id', 36)
      .notNullable()
      .references('id')
      .inTable('weibao_obligation_occurrences');
    table.string('attached_by', 255).notNullable();
    table.timestamp('attached_at', { useTz: true }).notNullable();
    table.primary(
      ['file_id', 'occurrence_id'],
      'weibao_evidence_file_attachments_pk',
    );
    table.index(['occurrence_id'], 'weibao_evidence_file_att_occ_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('weibao_evidence_file_attachments');
  await knex.schema.dropTable('weibao_evidence_files');
  await knex.schema.dropTable('weibao_obligation_runs');
};
