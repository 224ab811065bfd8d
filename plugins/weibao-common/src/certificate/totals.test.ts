import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { MaintenanceContractEntityV1alpha1 } from '../contract/types';
import { certificateMinimums, certificateTotals } from './totals';
import type { CertificateTotalsInput } from './totals';

const contracts = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../examples/contracts.yaml'),
    'utf8',
  ),
).map(doc => doc.toJS() as MaintenanceContractEntityV1alpha1);
const chongzuo = contracts.find(c => c.metadata.name === 'chongzuo-mch-2026')!;

const CA = 'component:default/ca-chongzuo';

let n = 0;
const batch = (
  overrides: Partial<CertificateTotalsInput>,
): CertificateTotalsInput => {
  n += 1;
  return {
    id: `b${String(n).padStart(2, '0')}`,
    item: 'personal-certificate',
    medium: 'usb-key',
    holderDepartment: '门诊部',
    count: 1,
    expiresOn: '2027-03-01',
    retiredAt: null,
    ...overrides,
  };
};

describe('certificateMinimums', () => {
  it('reads the example contract: 494 certificates, 21 USB keys, 8 seals for the CA system', () => {
    expect(certificateMinimums(chongzuo, CA)).toEqual({
      personalCertificates: 494,
      usbKeys: 21,
      electronicSeals: 8,
    });
    expect(
      certificateMinimums(chongzuo, 'component:default/zlhis-chongzuo'),
    ).toEqual({ personalCertificates: 0, usbKeys: 0, electronicSeals: 0 });
  });

  it('applies minimums without a system to every system, and adds up repeated items', () => {
    const contract = {
      ...chongzuo,
      spec: {
        ...chongzuo.spec,
        inventoryMinimums: [
          { item: 'personal-certificate', count: 10 },
          { item: 'personal-certificate', count: 5, system: CA },
          { item: 'electronic-seal', count: 2, system: 'other-ca' },
          { item: 'time-stamp-service', count: 1 },
        ],
      },
    } as MaintenanceContractEntityV1alpha1;
    expect(certificateMinimums(contract, CA)).toEqual({
      personalCertificates: 15,
      usbKeys: 0,
      electronicSeals: 0,
    });
  });
});

describe('certificateTotals', () => {
  const minimums = certificateMinimums(chongzuo, CA);

  it('counts unexpired, unretired batches and the shortfall against the minimums', () => {
    const result = certificateTotals(
      [
        batch({ count: 480, usbKeys: 480 }),
        batch({ item: 'electronic-seal', medium: 'smart-card', count: 8 }),
        batch({ count: 30, retiredAt: '2026-06-01T00:00:00.000Z' }),
        batch({ count: 40, expiresOn: '2026-09-17' }),
      ],
      minimums,
      '2026-09-18',
    );
    expect(result.totals).toEqual({
      personalCertificates: 480,
      usbKeys: 480,
      electronicSeals: 8,
    });
    expect(result.minimums).toEqual(minimums);
    expect(result.shortfall).toEqual({
      personalCertificates: 14,
      usbKeys: 0,
      electronicSeals: 0,
    });
  });

  it('counts certificates and seals by what they are, whatever their medium, and USB keys as the keys the batches state', () => {
    const { totals, withoutKeyCount, shortfall } = certificateTotals(
      [
        batch({ medium: 'smart-card', count: 300 }),
        batch({ medium: 'crypto-card', count: 180 }),
        // 20 doctors, one key each
        batch({ medium: 'usb-key', count: 20, usbKeys: 20 }),
        // their seals, written onto the same keys
        batch({
          item: 'electronic-seal',
          medium: 'usb-key',
          count: 6,
          usbKeys: 0,
        }),
        batch({ item: 'electronic-seal', medium: 'crypto-card', count: 2 }),
        // not counted: expired, retired
        batch({ count: 5, usbKeys: 5, expiresOn: '2026-09-17' }),
        batch({ count: 3, usbKeys: 3, retiredAt: '2026-06-01T00:00:00Z' }),
      ],
      minimums,
      '2026-09-18',
    );
    expect(totals).toEqual({
      personalCertificates: 500,
      usbKeys: 20,
      electronicSeals: 8,
    });
    expect(withoutKeyCount).toBe(0);
    expect(shortfall).toEqual({
      personalCertificates: 0,
      usbKeys: 1,
      electronicSeals: 0,
    });
  });

  it('never counts certificates as USB keys: a batch on USB keys that does not state its keys adds none', () => {
    const { totals, withoutKeyCount, shortfall } = certificateTotals(
      [
        batch({ medium: 'usb-key', count: 308 }),
        batch({ item: 'electronic-seal', medium: 'usb-key', count: 4 }),
        batch({ medium: 'usb-key', count: 10, usbKeys: 10 }),
        // keys are only counted on the usb-key medium
        batch({ medium: 'smart-card', count: 50, usbKeys: 50 }),
      ],
      minimums,
      '2026-09-18',
    );
    expect(totals).toEqual({
      personalCertificates: 368,
      usbKeys: 10,
      electronicSeals: 4,
    });
    expect(withoutKeyCount).toBe(312);
    expect(shortfall).toEqual({
      personalCertificates: 126,
      usbKeys: 11,
      electronicSeals: 4,
    });
  });

  it('lists what expires within the window, and what has expired, by date', () => {
    const today = '2026-09-18';
    const [lastDay, inWindow, edge, outside, yesterday, longAgo, retired] = [
      batch({ expiresOn: today }),
      batch({ expiresOn: '2026-10-01' }),
      batch({ expiresOn: '2026-11-17' }), // today + 60
      batch({ expiresOn: '2026-11-18' }),
      batch({ expiresOn: '2026-09-17', count: 3 }),
      batch({ expiresOn: '2025-09-18' }),
      batch({ expiresOn: '2026-09-01', retiredAt: '2026-08-31T02:00:00Z' }),
    ];
    const result = certificateTotals(
      [outside, edge, inWindow, lastDay, yesterday, longAgo, retired],
      minimums,
      today,
    );
    expect(result.expiringSoon.map(e => [e.batchId, e.daysLeft])).toEqual([
      [lastDay.id, 0],
      [inWindow.id, 13],
      [edge.id, 60],
    ]);
    expect(result.expired.map(e => [e.batchId, e.daysLeft])).toEqual([
      [longAgo.id, -365],
      [yesterday.id, -1],
    ]);
    expect(result.expired[1]).toEqual({
      batchId: yesterday.id,
      item: 'personal-certificate',
      medium: 'usb-key',
      holderDepartment: '门诊部',
      count: 3,
      expiresOn: '2026-09-17',
      daysLeft: -1,
    });
    // the certificate is still valid on its last day
    expect(result.totals.personalCertificates).toBe(4);

    const narrow = certificateTotals([inWindow, edge], minimums, today, 13);
    expect(narrow.expiringSoon.map(e => e.batchId)).toEqual([inWindow.id]);
  });

  it('counts days across a daylight-saving change the same in any time zone', () => {
    const { expiringSoon } = certificateTotals(
      [batch({ expiresOn: '2026-03-30' })],
      minimums,
      '2026-03-20',
    );
    expect(expiringSoon[0].daysLeft).toBe(10);
  });
});
