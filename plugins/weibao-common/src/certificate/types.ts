import type { IsoDate } from '../contract/types';

/**
 * What a certificate batch holds: personal identity certificates (个人身份证书, X.509 v3) or
 * personal electronic seals (个人电子印章).
 *
 * @public
 */
export const CERTIFICATE_ITEMS = [
  'personal-certificate',
  'electronic-seal',
] as const;

/** @public */
export type CertificateItem = (typeof CERTIFICATE_ITEMS)[number];

/** The medium the certificates are stored on: USB key (USB Key), smart card, crypto card. @public */
export const CERTIFICATE_MEDIA = [
  'usb-key',
  'smart-card',
  'crypto-card',
] as const;

/** @public */
export type CertificateMedium = (typeof CERTIFICATE_MEDIA)[number];

/** Why a batch left the register: renewed (续期), revoked (吊销) or lost (遗失). @public */
export const CERTIFICATE_RETIRE_REASONS = [
  'renewed',
  'revoked',
  'lost',
] as const;

/** @public */
export type CertificateRetireReason =
  (typeof CERTIFICATE_RETIRE_REASONS)[number];

/**
 * The serial numbers of a batch: a range sharing a prefix (`A0001`–`A0494`, both ends included)
 * or a list.
 *
 * @public
 */
export type CertificateSerials = { from: string; to: string } | string[];

/** The CSV columns of a certificate import, in the order a template lists them. @public */
export const CERTIFICATE_CSV_COLUMNS = [
  'item',
  'medium',
  'holderDepartment',
  'count',
  'serials',
  'issuedOn',
  'expiresOn',
  'note',
] as const;

/**
 * Columns a certificate CSV may add to {@link CERTIFICATE_CSV_COLUMNS}: `usbKeys`, how many
 * USB keys (USB Key 数量) a batch on the `usb-key` medium is on.
 *
 * @public
 */
export const CERTIFICATE_CSV_OPTIONAL_COLUMNS = ['usbKeys'] as const;

/** The most data rows one CSV import may carry. @public */
export const CERTIFICATE_CSV_MAX_ROWS = 5000;

/** The most certificates one batch (one CSV row) may count. @public */
export const CERTIFICATE_BATCH_MAX_COUNT = 100000;

/** One good row of a certificate CSV, with the line it starts on (the header is line 1). @public */
export type ParsedCertificateBatch = {
  line: number;
  item: CertificateItem;
  medium: CertificateMedium;
  holderDepartment: string;
  count: number;
  /**
   * How many USB keys a batch on the `usb-key` medium is on, when the row says (its `usbKeys`
   * cell); absent otherwise.
   */
  usbKeys?: number;
  serials: CertificateSerials;
  issuedOn: IsoDate;
  expiresOn: IsoDate;
  note: string | null;
};

/** A problem with one row (or the header, `field: 'header'`, or the file, `field: 'csv'`). @public */
export type CertificateCsvError = {
  line: number;
  field: string;
  reason: string;
};

/** What {@link parseCertificateCsv} finds in a file. @public */
export type CertificateCsvResult = {
  rows: ParsedCertificateBatch[];
  errors: CertificateCsvError[];
};

/**
 * A batch of certificates in a CA system's register (证书台账): issued together to one
 * department, on one medium, with one validity.
 *
 * @public
 */
export type CertificateBatch = {
  id: string;
  /** Starts at 1; every change adds one. A change based on a stale version gets 409. */
  version: number;
  /** The CA system: a Component entity ref, e.g. component:default/ca-chongzuo. */
  systemRef: string;
  /** The team owning the system when the batch was registered. */
  ownerRef: string;
  item: CertificateItem;
  medium: CertificateMedium;
  holderDepartment: string;
  /** How many certificates (or seals) the batch holds. */
  count: number;
  /**
   * How many physical USB keys (USB Key 数量) the batch is on: stated for a batch on the
   * `usb-key` medium (from 0, when it went onto keys registered with another batch, e.g. seals
   * on their holders' keys, up to `count`, one key per certificate); null on other media, and
   * for a batch on USB keys that did not say (it counts no keys).
   */
  usbKeys: number | null;
  serials: CertificateSerials;
  issuedOn: IsoDate;
  /** The last day the certificates are valid. */
  expiresOn: IsoDate;
  note: string | null;
  createdBy: string;
  /** RFC 3339 instant of the last change. */
  updatedAt: string;
  /** RFC 3339 instant; null while the batch is in use. */
  retiredAt: string | null;
  retiredReason: CertificateRetireReason | null;
};

/**
 * Counts of the three things a contract sets minimums for: personal identity certificates
 * (whatever their medium), physical USB keys, personal electronic seals (whatever their medium).
 *
 * @public
 */
export type CertificateCounts = {
  personalCertificates: number;
  usbKeys: number;
  electronicSeals: number;
};

/** A batch that expires soon or has expired, with the days left (negative once expired). @public */
export type CertificateExpiry = {
  batchId: string;
  item: CertificateItem;
  medium: CertificateMedium;
  holderDepartment: string;
  count: number;
  expiresOn: IsoDate;
  daysLeft: number;
};

/** The counts of a register against the contract's minimums, as of one day. @public */
export type CertificateTotals = {
  /**
   * Unexpired, unretired batches only. Certificates and seals are counted by what the batch
   * holds; USB keys are the keys the batches on the `usb-key` medium state they are on, never
   * their certificates.
   */
  totals: CertificateCounts;
  /**
   * Certificates and seals counted in `totals` that are on the `usb-key` medium in batches that
   * do not state their key count: their keys are not counted.
   */
  withoutKeyCount: number;
  minimums: CertificateCounts;
  /** max(0, minimum − total) for each. */
  shortfall: CertificateCounts;
  /** Unretired batches expiring from today to today + soonDays, earliest first. */
  expiringSoon: CertificateExpiry[];
  /** Unretired batches whose last valid day has passed, earliest first. */
  expired: CertificateExpiry[];
};

/**
 * The certificate register of one CA system: `GET /systems/{namespace}/{name}/certificates`.
 *
 * @public
 */
export type CertificateRegister = CertificateTotals & {
  systemRef: string;
  /** The contract the minimums come from; null when no contract in force covers the system. */
  contractRef: string | null;
  /** The day the register is evaluated on, in the hospital's time zone. */
  today: IsoDate;
  soonDays: number;
  /** Every batch of the system, retired ones included, by expiry date. */
  batches: CertificateBatch[];
};

/** The answer to a CSV import. @public */
export type CertificateImportResult = {
  imported: number;
  errors: CertificateCsvError[];
  /**
   * Set when the same rows were imported into this system before (whatever the line endings,
   * column order or blank lines): nothing was imported again.
   */
  alreadyImported?: {
    importId: string;
    importedAt: string;
    importedBy: string;
    batches: number;
  };
};

/** The body of `POST /certificates/{id}/retire`. @public */
export type CertificateRetireRequest = {
  version: number;
  reason: CertificateRetireReason;
  note?: string;
};
