import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  createWeibaoTestDatabases,
  exampleCatalog,
} from '@weibao/test-support';
import request from 'supertest';
import { DatabaseObligationStore } from '../database/obligations/DatabaseObligationStore';
import { createWeibaoPlugin } from '../plugin';
import { ObligationService } from '../services/obligations/ObligationService';
import { SMALL_PDF } from '../__testUtils__/evidence';

/*
 * Duties recorded by machines, through Backstage's own external access: static tokens from
 * `backend.auth.externalAccess` verified by the real auth service, each restricted to the weibao
 * plugin and one permission, decided by the real permissions service.
 */

jest.setTimeout(120_000);

const databases = createWeibaoTestDatabases();

const BACKUP_TOKEN = 'backup-job-token-0123456789';
const READER_TOKEN = 'reader-token-0123456789';
const INCIDENT_TOKEN = 'incident-reader-token-0123456789';
const ZLHIS = 'component:default/zlhis-chongzuo';
const CONTRACT = 'maintenancecontract:default/chongzuo-mch-2026';

/** A backup run of the night of Monday 7 December 2026 in Chongzuo (6 Dec in UTC). */
const nightlyBackup = (overrides: Record<string, unknown> = {}) => ({
  systemRef: ZLHIS,
  kind: 'backup',
  frequency: 'daily',
  runId: 'nbu-20261207-0200',
  doneAt: '2026-12-07T02:31:00+08:00',
  note: 'NetBackup: 全库增量备份成功,412 GB',
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'duties recorded by machines on %p',
  databaseId => {
    let backend: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      backend = await start();
    });
    const setUp = async () => backend;
    /** The runs recorded with the id. */
    const runs = (runId: string) =>
      backend.knex('weibao_obligation_runs').where({ run_id: runId });

    async function start() {
      const knex = await databases.init(databaseId);
      const now = () => Date.parse('2026-12-07T09:00:00+08:00');
      const entities = exampleCatalog();
      const { server } = await startTestBackend({
        features: [
          createWeibaoPlugin({ now }),
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: true },
              backend: {
                auth: {
                  externalAccess: [
                    {
                      type: 'static',
                      options: { token: BACKUP_TOKEN, subject: 'backup-job' },
                      accessRestrictions: [
                        {
                          plugin: 'weibao',
                          permission: 'weibao.obligation.run.record',
                        },
                      ],
                    },
                    {
                      type: 'static',
                      options: { token: READER_TOKEN, subject: 'reader' },
                      accessRestrictions: [
                        {
                          plugin: 'weibao',
                          permission: 'weibao.obligation.read',
                        },
                      ],
                    },
                    {
                      type: 'static',
                      options: {
                        token: INCIDENT_TOKEN,
                        subject: 'incident-reader',
                      },
                      accessRestrictions: [
                        {
                          plugin: 'weibao',
                          permission: 'weibao.incident.read',
                        },
                      ],
                    },
                  ],
                },
              },
            },
          }),
          authServiceFactory,
          httpAuthServiceFactory,
          permissionsServiceFactory,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          mockServices.scheduler.mock().factory,
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
        ],
      });
      await new ObligationService({
        store: new DatabaseObligationStore(knex),
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        calendarOptions: {},
        now,
      }).syncAll();
      const as = (token: string) => ({
        post: (path: string, body: object) =>
          request(server)
            .post(`/api/weibao${path}`)
            .set('Authorization', `Bearer ${token}`)
            .send(body),
        get: (path: string) =>
          request(server)
            .get(`/api/weibao${path}`)
            .set('Authorization', `Bearer ${token}`),
        upload: (name: string, type: string, bytes: Buffer) =>
          request(server)
            .post(`/api/weibao/evidence-files?name=${encodeURIComponent(name)}`)
            .set('Authorization', `Bearer ${token}`)
            .set('Content-Type', type)
            .send(bytes),
      });
      const completions = async (occurrenceId: string) =>
        (
          await knex('weibao_obligation_events').where({
            occurrence_id: occurrenceId,
            type: 'completed',
          })
        ).length;
      return {
        knex,
        backup: as(BACKUP_TOKEN),
        reader: as(READER_TOKEN),
        incidentReader: as(INCIDENT_TOKEN),
        completions,
      };
    }

    it('records a backup as done with a service token twice and gets one completion', async () => {
      const { backup, reader, completions } = await setUp();
      const first = await backup.post('/obligations/runs', nightlyBackup());
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        created: true,
        run: {
          source: 'external:backup-job',
          runId: 'nbu-20261207-0200',
          doneAt: '2026-12-06T18:31:00.000Z',
        },
        occurrence: {
          kind: 'backup',
          frequency: 'daily',
          // the local date of the run in Chongzuo, not its UTC date
          windowStart: '2026-12-07',
          windowEnd: '2026-12-07',
          state: 'done',
          done: {
            by: 'external:backup-job',
            at: '2026-12-06T18:31:00.000Z',
            onTime: true,
            evidence: { note: 'NetBackup: 全库增量备份成功,412 GB' },
          },
        },
      });
      const id = first.body.occurrence.id;

      const again = await backup.post('/obligations/runs', nightlyBackup());
      expect(again.status).toBe(200);
      expect(again.body.created).toBe(false);
      expect(again.body.occurrence.id).toBe(id);
      expect(again.body.occurrence.version).toBe(first.body.occurrence.version);
      expect(await completions(id)).toBe(1);
      expect(await runs('nbu-20261207-0200')).toHaveLength(1);

      // who may read duties sees the machine's completion in the history
      const detail = await reader.get(`/obligations/${id}`);
      expect(detail.status).toBe(200);
      expect(
        detail.body.history
          .filter((h: { type: string }) => h.type === 'completed')
          .map((h: { actor: string }) => h.actor),
      ).toEqual(['external:backup-job']);
    });

    it('records two identical reports arriving at once as one completion', async () => {
      const { backup, completions } = await setUp();
      const answers = await Promise.all(
        [1, 2, 3].map(() =>
          backup.post(
            '/obligations/runs',
            nightlyBackup({
              runId: 'nbu-20261206-0200',
              doneAt: '2026-12-06T02:40:00+08:00',
            }),
          ),
        ),
      );
      expect(answers.map(a => a.status).sort()).toEqual([200, 200, 201]);
      const ids = new Set(answers.map(a => a.body.occurrence.id));
      expect(ids.size).toBe(1);
      expect(await completions([...ids][0])).toBe(1);
      expect(await runs('nbu-20261206-0200')).toHaveLength(1);
    });

    it('refuses a token scoped to another permission, and the run token everywhere else', async () => {
      const { backup, reader, incidentReader } = await setUp();
      const denied = await reader.post(
        '/obligations/runs',
        nightlyBackup({ runId: 'denied-1' }),
      );
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(
        /weibao\.obligation\.run\.record/,
      );
      expect(
        (
          await incidentReader.post(
            '/obligations/runs',
            nightlyBackup({ runId: 'denied-1' }),
          )
        ).status,
      ).toBe(403);
      expect(await runs('denied-1')).toHaveLength(0);

      // the run token reads nothing and completes nothing by hand
      expect((await backup.get('/obligations')).status).toBe(403);
      expect((await backup.get('/incidents')).status).toBe(403);
      const { body } = await reader.get(
        `/obligations?contractRef=${CONTRACT}&kind=backup&limit=1`,
      );
      const occurrence = body.items[0];
      const complete = await backup.post(
        `/obligations/${occurrence.id}/complete`,
        { version: occurrence.version },
      );
      expect(complete.status).toBe(403);
    });

    it('says which duty it cannot find, and which ones it cannot tell apart', async () => {
      const { backup } = await setUp();
      const both = await backup.post(
        '/obligations/runs',
        nightlyBackup({
          frequency: undefined,
          runId: 'both',
          doneAt: '2026-12-03T02:00:00+08:00',
        }),
      );
      expect(both.status).toBe(409);
      expect(both.body.error.message).toMatch(/backup\.daily/);
      expect(both.body.error.message).toMatch(/backup\.weekly/);

      const none = await backup.post(
        '/obligations/runs',
        nightlyBackup({ kind: 'penetration-test', runId: 'none' }),
      );
      expect(none.status).toBe(404);
      expect(none.body.error.message).toMatch(/penetration-test/);

      const fifth = { doneAt: '2026-12-05T03:00:00+08:00' };
      const first = await backup.post(
        '/obligations/runs',
        nightlyBackup({ ...fifth, runId: 'nbu-20261205-0200' }),
      );
      expect(first.status).toBe(201);
      const other = await backup.post(
        '/obligations/runs',
        nightlyBackup({ ...fifth, runId: 'nbu-20261205-0300' }),
      );
      expect(other.status).toBe(409);
      expect(other.body.error.message).toMatch(
        /closed already.*external:backup-job/,
      );
    });

    it.each([
      ['no runId', { runId: undefined }, /runId/],
      ['a runId with a space', { runId: 'nbu 1' }, /runId/],
      ['no doneAt', { doneAt: undefined }, /doneAt/],
      [
        'a doneAt in the future',
        { doneAt: '2026-12-08T02:00:00+08:00' },
        /^doneAt: .*future/,
      ],
      [
        'both systemRef and contractRef',
        { contractRef: CONTRACT },
        /^systemRef: /,
      ],
      [
        'a malformed systemRef',
        { systemRef: 'component:a:b/c' },
        /^systemRef: /,
      ],
      ['an unknown field', { job: 'x' }, /job/],
      ['a file id that is none', { files: ['nope'] }, /files/],
      [
        'a file nobody uploaded',
        { files: ['00000000-0000-4000-8000-000000000000'] },
        /^files\[0\]: no evidence file/,
      ],
    ])(
      'refuses %s with a 400 naming the field',
      async (_, overrides, message) => {
        const { backup } = await setUp();
        const res = await backup.post(
          '/obligations/runs',
          nightlyBackup({ runId: 'bad-input', ...overrides }),
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        expect(await runs('bad-input')).toHaveLength(0);
      },
    );

    it("attaches the run's report, served to readers and not to others", async () => {
      const { backup, reader, incidentReader } = await setUp();
      const uploaded = await backup.upload(
        '备份报告 2026-12-07.pdf',
        'application/pdf',
        SMALL_PDF,
      );
      expect(uploaded.status).toBe(201);
      expect(uploaded.body).toMatchObject({
        name: '备份报告 2026-12-07.pdf',
        contentType: 'application/pdf',
        size: SMALL_PDF.length,
        uploadedBy: 'external:backup-job',
      });
      expect(uploaded.body.sha256).toMatch(/^[0-9a-f]{64}$/);
      const fileId = uploaded.body.id;

      const run = await backup.post(
        '/obligations/runs',
        nightlyBackup({
          files: [fileId],
          runId: 'nbu-20261204-0200',
          doneAt: '2026-12-04T02:10:00+08:00',
        }),
      );
      expect(run.status).toBe(201);
      expect(run.body.occurrence.done.evidence.files).toEqual([
        {
          id: fileId,
          name: '备份报告 2026-12-07.pdf',
          contentType: 'application/pdf',
          size: SMALL_PDF.length,
        },
      ]);

      const download = await reader
        .get(`/evidence-files/${fileId}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-disposition']).toMatch(
        /^attachment; filename=".*\.pdf"; filename\*=UTF-8''%E5%A4%87/,
      );
      expect(Buffer.compare(download.body, SMALL_PDF)).toBe(0);

      // a token that may read incidents only does not learn the file exists
      expect(
        (await incidentReader.get(`/evidence-files/${fileId}`)).status,
      ).toBe(404);
    });
  },
);
