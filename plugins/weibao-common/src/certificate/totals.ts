import { fullEntityRef } from '../contract/relations';
import type {
  InventoryMinimum,
  IsoDate,
  MaintenanceContractEntityV1alpha1,
} from '../contract/types';
import type {
  CertificateBatch,
  CertificateCounts,
  CertificateExpiry,
  CertificateTotals,
} from './types';

/** How many days ahead "expiring soon" looks by default. @public */
export const CERTIFICATE_SOON_DAYS_DEFAULT = 60;

/**
 * What {@link certificateTotals} needs of a batch; without `usbKeys` a batch on the `usb-key`
 * medium does not state its keys.
 *
 * @public
 */
export type CertificateTotalsInput = Pick<
  CertificateBatch,
  | 'id'
  | 'item'
  | 'medium'
  | 'holderDepartment'
  | 'count'
  | 'expiresOn'
  | 'retiredAt'
> &
  Partial<Pick<CertificateBatch, 'usbKeys'>>;

const DAY_MS = 86_400_000;

/** Days from one calendar date to another (both YYYY-MM-DD); no time zone involved. */
function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS,
  );
}

const zero = (): CertificateCounts => ({
  personalCertificates: 0,
  usbKeys: 0,
  electronicSeals: 0,
});

/**
 * A register's counts on `today` against the contract's minimums. A batch counts while it is
 * neither retired nor expired (its `expiresOn` is its last valid day). What a batch holds decides
 * whether its `count` adds to the personal certificates or to the electronic seals, whatever the
 * medium; its medium decides whether it adds to the USB keys: a batch on the `usb-key` medium adds
 * the keys it states it is on (`usbKeys`), never its certificates, and one that does not state
 * them adds its certificates to `withoutKeyCount` instead. "Expiring soon" are the batches whose
 * last valid day falls from today to today + `soonDays`.
 *
 * @public
 */
export function certificateTotals(
  batches: ReadonlyArray<CertificateTotalsInput>,
  minimums: CertificateCounts,
  today: IsoDate,
  soonDays: number = CERTIFICATE_SOON_DAYS_DEFAULT,
): CertificateTotals {
  const totals = zero();
  let withoutKeyCount = 0;
  const expiringSoon: CertificateExpiry[] = [];
  const expired: CertificateExpiry[] = [];
  for (const batch of batches) {
    if (batch.retiredAt) continue;
    const daysLeft = daysBetween(today, batch.expiresOn);
    const expiry: CertificateExpiry = {
      batchId: batch.id,
      item: batch.item,
      medium: batch.medium,
      holderDepartment: batch.holderDepartment,
      count: batch.count,
      expiresOn: batch.expiresOn,
      daysLeft,
    };
    if (daysLeft < 0) {
      expired.push(expiry);
      continue;
    }
    if (daysLeft <= soonDays) expiringSoon.push(expiry);
    if (batch.item === 'personal-certificate') {
      totals.personalCertificates += batch.count;
    } else {
      totals.electronicSeals += batch.count;
    }
    if (batch.medium === 'usb-key') {
      if (typeof batch.usbKeys === 'number') totals.usbKeys += batch.usbKeys;
      else withoutKeyCount += batch.count;
    }
  }
  const byExpiry = (a: CertificateExpiry, b: CertificateExpiry) =>
    a.expiresOn.localeCompare(b.expiresOn) ||
    a.batchId.localeCompare(b.batchId);
  const shortfall = zero();
  for (const key of Object.keys(shortfall) as Array<keyof CertificateCounts>) {
    shortfall[key] = Math.max(0, minimums[key] - totals[key]);
  }
  return {
    totals,
    withoutKeyCount,
    minimums: { ...minimums },
    shortfall,
    expiringSoon: expiringSoon.sort(byExpiry),
    expired: expired.sort(byExpiry),
  };
}

const MINIMUM_KEYS: Partial<
  Record<InventoryMinimum['item'], keyof CertificateCounts>
> = {
  'personal-certificate': 'personalCertificates',
  'usb-key': 'usbKeys',
  'electronic-seal': 'electronicSeals',
};

/**
 * The minimums a contract sets for one CA system: its `spec.inventoryMinimums` whose `system` is
 * absent or names this system (a Component ref, written short or in full). Items the contract
 * does not mention are 0; several entries for one item add up.
 *
 * @public
 */
export function certificateMinimums(
  contract: MaintenanceContractEntityV1alpha1,
  systemRef: string,
): CertificateCounts {
  const minimums = zero();
  const namespace = contract.metadata.namespace ?? 'default';
  for (const minimum of contract.spec.inventoryMinimums ?? []) {
    const key = MINIMUM_KEYS[minimum.item];
    if (!key) continue;
    if (
      minimum.system &&
      fullEntityRef(minimum.system, 'component', namespace) !== systemRef
    ) {
      continue;
    }
    minimums[key] += minimum.count;
  }
  return minimums;
}
