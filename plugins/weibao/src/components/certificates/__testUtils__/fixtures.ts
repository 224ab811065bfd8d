import type {
  CertificateBatch,
  CertificateRegister,
} from '@weibao/plugin-weibao-common';
import { WEIBAO_BASE_URL } from '../../../__testUtils__';

export const SYSTEM_REF = 'component:default/ca-chongzuo';
export const REGISTER_URL = `${WEIBAO_BASE_URL}/systems/default/ca-chongzuo/certificates`;

export const ca = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ca-chongzuo', title: '个人身份证书 CA 系统' },
  spec: {
    type: 'ca',
    lifecycle: 'production',
    owner: 'group:default/his-aftersales-guangxi',
    system: 'system:default/chongzuo-mch',
  },
};

const batch = (
  id: string,
  fields: Partial<CertificateBatch>,
): CertificateBatch => ({
  id,
  version: 1,
  systemRef: SYSTEM_REF,
  ownerRef: 'group:default/his-aftersales-guangxi',
  item: 'personal-certificate',
  medium: 'usb-key',
  holderDepartment: '门诊部',
  count: 20,
  usbKeys: null,
  serials: { from: 'A0001', to: 'A0020' },
  issuedOn: '2026-01-01',
  expiresOn: '2027-12-31',
  note: null,
  createdBy: 'user:default/zhang.wei',
  updatedAt: '2026-01-05T02:00:00.000Z',
  retiredAt: null,
  retiredReason: null,
  ...fields,
});

export const OUTPATIENT = '11111111-0000-4000-8000-000000000001';
export const WARD = '11111111-0000-4000-8000-000000000002';
export const SEALS = '11111111-0000-4000-8000-000000000003';
export const PHARMACY = '11111111-0000-4000-8000-000000000004';
export const LOST = '11111111-0000-4000-8000-000000000005';

/**
 * 480 certificates in use (14 short of 494), 20 of them on 20 USB keys (1 short of 21), 8 seals;
 * every batch on USB keys states its keys.
 */
export const register: CertificateRegister = {
  systemRef: SYSTEM_REF,
  contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
  today: '2026-11-21',
  soonDays: 60,
  batches: [
    batch(PHARMACY, {
      holderDepartment: '药房',
      medium: 'smart-card',
      count: 6,
      serials: ['P-01', 'P-02', 'P-03', 'P-04', 'P-05', 'P-06'],
      expiresOn: '2026-11-01',
    }),
    batch(WARD, {
      holderDepartment: '住院部',
      medium: 'smart-card',
      count: 460,
      serials: { from: 'B0001', to: 'B0460' },
      expiresOn: '2026-12-31',
      version: 3,
    }),
    batch(OUTPATIENT, { usbKeys: 20 }),
    batch(SEALS, {
      item: 'electronic-seal',
      medium: 'crypto-card',
      holderDepartment: '医务科',
      count: 8,
      serials: { from: 'S01', to: 'S08' },
    }),
    batch(LOST, {
      holderDepartment: '收费室',
      count: 2,
      serials: ['C-01', 'C-02'],
      usbKeys: 2,
      retiredAt: '2026-06-01T02:00:00.000Z',
      retiredReason: 'lost',
    }),
  ],
  totals: { personalCertificates: 480, usbKeys: 20, electronicSeals: 8 },
  withoutKeyCount: 0,
  minimums: { personalCertificates: 494, usbKeys: 21, electronicSeals: 8 },
  shortfall: { personalCertificates: 14, usbKeys: 1, electronicSeals: 0 },
  expiringSoon: [
    {
      batchId: WARD,
      item: 'personal-certificate',
      medium: 'smart-card',
      holderDepartment: '住院部',
      count: 460,
      expiresOn: '2026-12-31',
      daysLeft: 40,
    },
  ],
  expired: [
    {
      batchId: PHARMACY,
      item: 'personal-certificate',
      medium: 'smart-card',
      holderDepartment: '药房',
      count: 6,
      expiresOn: '2026-11-01',
      daysLeft: -20,
    },
  ],
};
