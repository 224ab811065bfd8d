import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EVIDENCE_FILE_MAX_BYTES } from '@weibao/plugin-weibao-common';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import request from 'supertest';
import {
  CHONGZUO_CONTRACT,
  PortalBackend,
  startPortalBackend,
} from '../__testUtils__/portalBackend';
import { SMALL_PDF } from '../__testUtils__/evidence';

/*
 * Evidence files uploaded and attached by people: the completion lists them, the download is for
 * those who may read the duty; and the run endpoint is not for people without its permission.
 */

jest.setTimeout(120_000);

const databases = createWeibaoTestDatabases();

const OUTSIDER = 'user:default/outsider';
const COLLEAGUE = 'user:default/wang.fang';
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
]);

/**
 * People's permissions as the Weibao policy gives them: no one records machine runs; the
 * outsider may read no duty; everything else allowed.
 */
const peoplePolicy: PermissionsService = {
  authorize: async reqs =>
    reqs.map(r => ({
      result:
        r.permission.name === 'weibao.obligation.run.record'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })),
  authorizeConditional: async (reqs, options) => {
    const user = (
      options as { credentials: BackstageCredentials<BackstageUserPrincipal> }
    ).credentials.principal.userEntityRef;
    return reqs.map(r => ({
      result:
        user === OUTSIDER && r.permission.name === 'weibao.obligation.read'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    }));
  },
};

describe.each(databases.eachSupportedId())(
  'evidence files on %p',
  databaseId => {
    let backend: PortalBackend;
    beforeAll(async () => {
      backend = await startPortalBackend(databases, databaseId, {
        start: '2026-12-07T09:00:00+08:00',
        permissions: peoplePolicy,
      });
      await backend.syncObligations();
    });

    const as = (user: string) => ({
      upload: (name: string, type: string, bytes: Buffer) =>
        request(backend.server)
          .post(`/api/weibao/evidence-files?name=${encodeURIComponent(name)}`)
          .set('Authorization', mockCredentials.user.header(user))
          .set('Content-Type', type)
          .send(bytes),
      get: (path: string) =>
        request(backend.server)
          .get(`/api/weibao${path}`)
          .set('Authorization', mockCredentials.user.header(user)),
    });

    /** An open duty of the Chongzuo contract. */
    const openDuty = async (kind: string) => {
      const { body } = await backend.get(
        `/obligations?contractRef=${CHONGZUO_CONTRACT}&kind=${kind}&state=upcoming&state=due&state=overdue&limit=1`,
      );
      expect(body.items).toHaveLength(1);
      return body.items[0] as { id: string; version: number };
    };

    it('attaches an uploaded PDF to a completion and serves it to readers only', async () => {
      const liNa = as('user:default/li.na');
      const uploaded = await liNa.upload(
        'inspection.pdf',
        'application/pdf',
        SMALL_PDF,
      );
      expect(uploaded.status).toBe(201);
      const fileId = uploaded.body.id;
      const rows = await backend
        .knex('weibao_evidence_files')
        .where({ id: fileId });
      expect(Buffer.from(rows[0].content).equals(SMALL_PDF)).toBe(true);

      // before it is attached, only its uploader gets it
      expect((await liNa.get(`/evidence-files/${fileId}`)).status).toBe(200);
      expect(
        (await as(COLLEAGUE).get(`/evidence-files/${fileId}`)).status,
      ).toBe(404);

      // another person cannot attach it
      const duty = await openDuty('communication');
      const foreign = await request(backend.server)
        .post(`/api/weibao/obligations/${duty.id}/complete`)
        .set('Authorization', mockCredentials.user.header(COLLEAGUE))
        .send({ version: duty.version, files: [fileId] });
      expect(foreign.status).toBe(400);
      expect(foreign.body.error.message).toMatch(
        /^files\[0\]: .* uploaded by user:default\/li\.na/,
      );

      const done = await backend.post(`/obligations/${duty.id}/complete`, {
        version: duty.version,
        note: '与信息科周例会',
        files: [fileId],
      });
      expect(done.status).toBe(200);
      expect(done.body.done.evidence).toEqual({
        note: '与信息科周例会',
        files: [
          {
            id: fileId,
            name: 'inspection.pdf',
            contentType: 'application/pdf',
            size: SMALL_PDF.length,
          },
        ],
      });
      const detail = await backend.get(`/obligations/${duty.id}`);
      expect(detail.body.done.evidence.files[0].id).toBe(fileId);

      const colleague = await as(COLLEAGUE).get(`/evidence-files/${fileId}`);
      expect(colleague.status).toBe(200);
      expect(colleague.headers['content-type']).toBe('application/pdf');
      expect(colleague.headers['x-content-type-options']).toBe('nosniff');
      expect((await as(OUTSIDER).get(`/evidence-files/${fileId}`)).status).toBe(
        404,
      );
      expect(
        (await as(COLLEAGUE).get('/evidence-files/not-an-id')).status,
      ).toBe(400);
    });

    it('keeps a failed completion from attaching its files', async () => {
      const liNa = as('user:default/li.na');
      const { body: file } = await liNa.upload('photo.png', 'image/png', PNG);
      const duty = await openDuty('communication');
      const stale = await backend.post(`/obligations/${duty.id}/complete`, {
        version: duty.version + 1,
        files: [file.id],
      });
      expect(stale.status).toBe(409);
      expect(
        await backend
          .knex('weibao_evidence_file_attachments')
          .where({ file_id: file.id }),
      ).toHaveLength(0);
    });

    it.each([
      [
        'a PDF declared as PNG',
        'image/png',
        SMALL_PDF,
        /^Content-Type: declared image\/png, but the file is application\/pdf/,
      ],
      [
        'a PNG declared as PDF',
        'application/pdf',
        PNG,
        /^Content-Type: declared application\/pdf, but the file is image\/png/,
      ],
      [
        'text declared as JPEG',
        'image/jpeg',
        Buffer.from('hello'),
        /^Content-Type: .*none of the types/,
      ],
      [
        'a type Weibao does not store',
        'text/plain',
        Buffer.from('hello'),
        /unsupported media type|text\/plain/i,
      ],
      ['an empty file', 'application/pdf', Buffer.alloc(0), /empty|body/],
    ])('refuses %s', async (_, type, bytes, message) => {
      const res = await as('user:default/li.na').upload('x.pdf', type, bytes);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('refuses a file over 20 MB with a 413 naming the limit', async () => {
      const big = Buffer.alloc(EVIDENCE_FILE_MAX_BYTES + 1);
      SMALL_PDF.copy(big);
      const res = await as('user:default/li.na').upload(
        'big.pdf',
        'application/pdf',
        big,
      );
      expect(res.status).toBe(413);
      expect(res.body.error.message).toMatch(/20971520 bytes \(20 MB\)/);
      expect(
        await backend.knex('weibao_evidence_files').where({ name: 'big.pdf' }),
      ).toHaveLength(0);
    });

    it('takes a file of exactly 20 MB', async () => {
      const limit = Buffer.alloc(EVIDENCE_FILE_MAX_BYTES);
      SMALL_PDF.copy(limit);
      const res = await as('user:default/li.na').upload(
        'limit.pdf',
        'application/pdf',
        limit,
      );
      expect(res.status).toBe(201);
      expect(res.body.size).toBe(EVIDENCE_FILE_MAX_BYTES);
    });

    it('does not let a person without the permission record a machine run', async () => {
      const res = await backend.post('/obligations/runs', {
        systemRef: 'component:default/zlhis-chongzuo',
        kind: 'backup',
        frequency: 'daily',
        runId: 'by-hand-1',
        doneAt: '2026-12-07T02:00:00+08:00',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/weibao\.obligation\.run\.record/);
      expect(await backend.knex('weibao_obligation_runs')).toHaveLength(0);
    });
  },
);
