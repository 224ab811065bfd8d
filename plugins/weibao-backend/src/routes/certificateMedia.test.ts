import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import {
  LI_NA,
  PortalBackend,
  startPortalBackend,
} from '../__testUtils__/portalBackend';
import { snapshotTables } from '../__testUtils__/snapshot';

/*
 * Issue 16, the certificate register by medium: personal certificates and electronic seals count
 * by what a batch holds, whatever its medium; USB keys count as the keys a batch on the usb-key
 * medium states it is on (the CSV's usbKeys column), never as its certificates. A batch on USB
 * keys that does not state them (imported without the column, or registered before it existed)
 * adds no keys and is reported apart.
 */

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();
const REGISTER = '/systems/default/ca-chongzuo/certificates';
const HEADER =
  'item,medium,holderDepartment,count,serials,issuedOn,expiresOn,note,usbKeys';
const csv = (...rows: string[]) => ({ csv: [HEADER, ...rows].join('\n') });

describe.each(databases.eachSupportedId())(
  'the certificate register by medium on %p',
  databaseId => {
    let backend: PortalBackend;

    beforeEach(async () => {
      backend = await startPortalBackend(databases, databaseId, {
        start: '2026-09-17T16:30:00Z',
      });
    });

    it('counts certificates, USB keys and seals apart, each against its own minimum', async () => {
      const imported = await backend.post(
        `${REGISTER}/import`,
        csv(
          // 20 doctors, one key each; their seals written onto the same keys
          'personal-certificate,usb-key,门诊部,20,A0001-A0020,2026-03-02,2027-03-01,一人一Key,20',
          'electronic-seal,usb-key,门诊部,6,S001-S006,2026-03-02,2027-03-01,写入医生的 Key,0',
          // the other certificates on smart cards and in the signing server's crypto card
          'personal-certificate,smart-card,住院部,300,B0001-B0300,2026-03-02,2027-03-01,,',
          'personal-certificate,crypto-card,全院,168,C0001-C0168,2026-03-02,2027-03-01,,',
          'electronic-seal,crypto-card,医务科,2,S007;S008,2026-03-02,2027-03-01,,',
          // imported without saying how many keys
          'personal-certificate,usb-key,药房,6,P01-P06,2026-03-02,2027-03-01,,',
        ),
      );
      expect(imported.status).toBe(200);
      expect(imported.body).toEqual({ imported: 6, errors: [] });

      const { status, body } = await backend.get(REGISTER);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        totals: { personalCertificates: 494, usbKeys: 20, electronicSeals: 8 },
        minimums: {
          personalCertificates: 494,
          usbKeys: 21,
          electronicSeals: 8,
        },
        shortfall: { personalCertificates: 0, usbKeys: 1, electronicSeals: 0 },
        withoutKeyCount: 6,
      });
      const keysOf = (department: string, item: string) =>
        body.batches.find(
          (b: any) => b.holderDepartment === department && b.item === item,
        ).usbKeys;
      expect(keysOf('门诊部', 'personal-certificate')).toBe(20);
      expect(keysOf('门诊部', 'electronic-seal')).toBe(0);
      expect(keysOf('住院部', 'personal-certificate')).toBeNull();
      expect(keysOf('药房', 'personal-certificate')).toBeNull();
    });

    it('gives the figures of the example contract from the example register', async () => {
      const example = fs.readFileSync(
        path.resolve(
          __dirname,
          '../../../../examples/certificates-ca-chongzuo.csv',
        ),
        'utf8',
      );
      const imported = await backend.post(`${REGISTER}/import`, {
        csv: example,
      });
      expect(imported.body).toEqual({ imported: 5, errors: [] });
      expect((await backend.get(REGISTER)).body).toMatchObject({
        totals: { personalCertificates: 494, usbKeys: 21, electronicSeals: 8 },
        shortfall: { personalCertificates: 0, usbKeys: 0, electronicSeals: 0 },
        withoutKeyCount: 0,
      });
    });

    it('refuses USB keys off the usb-key medium and more keys than certificates, writing nothing', async () => {
      const before = await snapshotTables(backend.knex);
      const res = await backend.post(
        `${REGISTER}/import`,
        csv(
          'personal-certificate,smart-card,住院部,3,B1;B2;B3,2026-03-02,2027-03-01,,3',
          'personal-certificate,usb-key,门诊部,3,A1;A2;A3,2026-03-02,2027-03-01,,4',
        ),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'csv: no row can be imported; line 2 usbKeys: only a batch on the usb-key medium is on USB keys; leave it empty for smart-card; line 3 usbKeys: 4 USB keys for 3 certificates; a key holds at least one',
      );
      expect(await snapshotTables(backend.knex)).toBe(before);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'the USB key migration on %p',
  databaseId => {
    it('leaves the keys of batches registered before it unstated, and goes down', async () => {
      const knex = await databases.init(databaseId);
      const config = {
        directory: resolvePackagePath(
          '@weibao/plugin-weibao-backend',
          'migrations',
        ),
        tableName: 'weibao_knex_migrations',
      };
      const MIGRATION = 'certificate_usb_keys';
      for (;;) {
        const [, pending] = await knex.migrate.list(config);
        const next = pending[0]?.file as string | undefined;
        if (!next || next.includes(MIGRATION)) break;
        await knex.migrate.up(config);
      }
      const at = new Date('2026-09-01T02:00:00Z');
      await knex('weibao_certificate_batches').insert({
        id: '11111111-0000-4000-8000-000000000001',
        version: 1,
        system_ref: 'component:default/ca-chongzuo',
        owner_ref: 'group:default/his-aftersales-guangxi',
        item: 'personal-certificate',
        medium: 'usb-key',
        holder_department: '门诊部',
        count: 308,
        serials: JSON.stringify({ from: 'A0001', to: 'A0308' }),
        issued_on: '2026-03-02',
        expires_on: '2027-03-01',
        note: null,
        created_by: LI_NA,
        created_at: at,
        updated_at: at,
      });

      await knex.migrate.up(config);
      expect(
        await knex('weibao_certificate_batches').select('count', 'usb_keys'),
      ).toEqual([{ count: 308, usb_keys: null }]);
      await knex('weibao_certificate_batches').update({ usb_keys: 21 });
      expect(
        (await knex('weibao_certificate_batches').first('usb_keys')).usb_keys,
      ).toBe(21);

      await knex.migrate.down(config);
      expect(
        await knex.schema.hasColumn('weibao_certificate_batches', 'usb_keys'),
      ).toBe(false);
      expect(
        await knex('weibao_certificate_batches').select('holder_department'),
      ).toEqual([{ holder_department: '门诊部' }]);
    });
  },
);
