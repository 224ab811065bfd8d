import type {
  CertificateBatch,
  CertificateRetireReason,
} from '@weibao/plugin-weibao-common';
import { toMs } from '../permissionFilter';
import type { CertificateBatchEvent } from './CertificateStore';

export const BATCHES = 'weibao_certificate_batches';
export const EVENTS = 'weibao_certificate_batch_events';
export const IMPORTS = 'weibao_certificate_imports';

/** An instant as the drivers return it: Date (PostgreSQL), epoch ms (SQLite) or text. */
type Instant = Date | number | string;

/** A row of `weibao_certificate_batches`. */
export type BatchRow = {
  id: string;
  version: number;
  system_ref: string;
  owner_ref: string;
  item: CertificateBatch['item'];
  medium: CertificateBatch['medium'];
  holder_department: string;
  /** A number, or numeric text from some drivers. */
  count: number | string;
  /** USB keys the batch is on (usb-key medium only); null when not stated. */
  usb_keys: number | string | null;
  /** JSON of CertificateBatch['serials']. */
  serials: string;
  issued_on: string;
  expires_on: string;
  note: string | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  retired_at: Instant | null;
  retired_reason: CertificateRetireReason | null;
};

/** A row of `weibao_certificate_batch_events`: `seq` is the version the event produced. */
export type BatchEventRow = {
  batch_id: string;
  seq: number;
  type: CertificateBatchEvent['type'];
  at: Instant;
  actor: string;
  /** JSON of the payload. */
  payload: string;
};

/** A row of `weibao_certificate_imports`. */
export type ImportRow = {
  id: string;
  system_ref: string;
  fingerprint: string;
  batch_count: number | string;
  imported_by: string;
  imported_at: Instant;
};

export const toIso = (value: unknown) => new Date(toMs(value)).toISOString();

export const fromRow = (row: BatchRow): CertificateBatch => ({
  id: row.id,
  version: row.version,
  systemRef: row.system_ref,
  ownerRef: row.owner_ref,
  item: row.item,
  medium: row.medium,
  holderDepartment: row.holder_department,
  count: Number(row.count),
  usbKeys:
    row.usb_keys === null || row.usb_keys === undefined
      ? null
      : Number(row.usb_keys),
  serials: JSON.parse(row.serials),
  issuedOn: row.issued_on,
  expiresOn: row.expires_on,
  note: row.note ?? null,
  createdBy: row.created_by,
  updatedAt: toIso(row.updated_at),
  retiredAt:
    row.retired_at === null || row.retired_at === undefined
      ? null
      : toIso(row.retired_at),
  retiredReason: row.retired_reason ?? null,
});

export const eventFromRow = (row: BatchEventRow): CertificateBatchEvent => ({
  seq: row.seq,
  type: row.type,
  at: toIso(row.at),
  actor: row.actor,
  payload: JSON.parse(row.payload),
});
