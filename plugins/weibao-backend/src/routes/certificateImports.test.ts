import { createWeibaoTestDatabases } from '@weibao/test-support';
import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  LI_NA,
  PortalBackend,
  startPortalBackend,
} from '../__testUtils__/portalBackend';
import { snapshotTables } from '../__testUtils__/snapshot';

/*
 * Issue 14, CSV imports of the certificate register: decoded strictly (invalid UTF-8 and lone
 * surrogates refused with their line), the same serials twice in one file or already in the
 * register refused naming them, and the same file imported twice recognised, not doubled.
 */

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();
const IMPORT = '/systems/default/ca-chongzuo/certificates/import';
const HEADER =
  'item,medium,holderDepartment,count,serials,issuedOn,expiresOn,note';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const OUTPATIENT =
  'personal-certificate,usb-key,门诊部,494,A0001-A0494,2026-03-02,2027-03-01,';
const SEALS = 'electronic-seal,usb-key,医务科,2,S1;S2,2026-03-02,2027-03-01,';

describe.each(databases.eachSupportedId())(
  'certificate CSV imports on %p',
  databaseId => {
    let backend: PortalBackend;

    beforeAll(async () => {
      backend = await startPortalBackend(databases, databaseId, {
        start: '2026-09-17T16:30:00Z',
      });
    });

    const postCsv = (body: string | Buffer) =>
      request(backend.server)
        .post(`/api/weibao${IMPORT}`)
        .set('Authorization', mockCredentials.user.header(LI_NA))
        .set('Content-Type', 'text/csv; charset=utf-8')
        .send(body);

    /** Sends, expects the refusal, and checks no table changed. */
    const refused = async (
      send: () => Promise<request.Response>,
      status: number,
      message: RegExp,
    ) => {
      const before = await snapshotTables(backend.knex);
      const res = await send();
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status,
        message: expect.stringMatching(message),
      });
      expect(await snapshotTables(backend.knex)).toBe(before);
    };

    it('refuses bytes that are not UTF-8 with their line', async () => {
      const bytes = Buffer.concat([
        Buffer.from(`${csv(OUTPATIENT)}\n`, 'utf8'),
        // "急诊科" in GBK, as Excel saves it on a Chinese Windows
        Buffer.from([0xbc, 0xb1, 0xd5, 0xef, 0xbf, 0xc6]),
        Buffer.from(',x\n', 'utf8'),
      ]);
      await refused(
        () => postCsv(bytes),
        400,
        /^csv: line 3: not valid UTF-8 \(byte 0xbc at offset \d+\); save the file as UTF-8$/,
      );
    });

    it('refuses a lone surrogate with its line (JSON body)', async () => {
      await refused(
        () =>
          backend.post(IMPORT, {
            csv: csv(OUTPATIENT, SEALS.replace('医务科', '医务\uD800科')),
          }),
        400,
        /^csv: line 3: a lone surrogate \(U\+D800\)/,
      );
    });

    it('refuses the same serials twice in one file, naming the lines', async () => {
      await refused(
        () =>
          postCsv(
            csv(
              OUTPATIENT,
              SEALS,
              'personal-certificate,usb-key,急诊科,101,A0400-A0500,2026-03-02,2027-03-01,',
            ),
          ),
        400,
        /^csv: serials appear twice in the file: line 2 and line 4 share A0400-A0494$/,
      );
    });

    it('imports a file once: the same file again is recognised, not doubled', async () => {
      const first = await postCsv(csv(OUTPATIENT, SEALS));
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ imported: 2, errors: [] });
      // the same rows, saved again with CRLF and a blank line
      const again = await postCsv(
        `${csv(OUTPATIENT, '', SEALS)}\r\n`.replace(/\n/g, '\r\n'),
      );
      expect(again.status).toBe(200);
      expect(again.body).toEqual({
        imported: 0,
        errors: [],
        alreadyImported: {
          importId: expect.any(String),
          importedAt: '2026-09-17T16:30:00.000Z',
          importedBy: LI_NA,
          batches: 2,
        },
      });
      const register = await backend.get(
        '/systems/default/ca-chongzuo/certificates',
      );
      expect(register.body.batches).toHaveLength(2);
    });

    it('refuses serials already in the register, naming them', async () => {
      await refused(
        () =>
          postCsv(
            csv(
              'personal-certificate,usb-key,急诊科,1,A0007,2026-03-02,2027-03-01,',
            ),
          ),
        409,
        /^csv: serials already in the register of component:default\/ca-chongzuo: line 2: A0007 is in batch [0-9a-f-]+ \(门诊部\); retire those batches first/,
      );
    });
  },
);
