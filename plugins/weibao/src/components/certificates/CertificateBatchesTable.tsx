import { Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import type {
  CertificateBatch,
  CertificateRegister,
  CertificateSerials,
} from '@weibao/plugin-weibao-common';
import { useWeibaoFormat } from '../../lib/format';
import { ChipTone, StateChip } from '../../lib/StateChip';
import { EmptyRows, listOptions } from '../../lib/tables';
import { weibaoTranslationRef } from '../../translation';

/** How a batch stands on the register's day. */
export type BatchState = 'expired' | 'expiring-soon' | 'in-use' | 'retired';

const STATE_TONES: Record<BatchState, ChipTone> = {
  expired: 'danger',
  'expiring-soon': 'warning',
  'in-use': 'plain',
  retired: 'muted',
};

const SERIALS_SHOWN = 3;

/**
 * The batches of a register, by expiry: holder, what, medium, serials, count, validity, and
 * their state (expired, expiring soon, in use, retired; `data-testid="batch-state-<id>"` with
 * `data-batch-state`), with a `Retire` action on batches in use.
 */
export function CertificateBatchesTable(props: {
  register: CertificateRegister;
  onRetire: (batch: CertificateBatch) => void;
}) {
  const { register } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const expired = new Map(register.expired.map(e => [e.batchId, e.daysLeft]));
  const soon = new Map(register.expiringSoon.map(e => [e.batchId, e.daysLeft]));

  const stateOf = (batch: CertificateBatch): BatchState => {
    if (batch.retiredAt) return 'retired';
    if (expired.has(batch.id)) return 'expired';
    if (soon.has(batch.id)) return 'expiring-soon';
    return 'in-use';
  };

  const serials = (value: CertificateSerials) => {
    if (!Array.isArray(value)) return `${value.from}–${value.to}`;
    if (value.length <= SERIALS_SHOWN) return value.join('; ');
    return t('certificates.moreSerials', {
      serials: value.slice(0, SERIALS_SHOWN).join('; '),
      more: `${value.length - SERIALS_SHOWN}`,
    });
  };

  const stateLabel = (batch: CertificateBatch, state: BatchState) => {
    switch (state) {
      case 'retired':
        return t('certificates.state.retired', {
          reason: batch.retiredReason
            ? t(`certificates.retireReasons.${batch.retiredReason}`)
            : '—',
          date: format.date(batch.retiredAt),
        });
      case 'expired':
        return t('certificates.state.expired', {
          days: `${-(expired.get(batch.id) ?? 0)}`,
        });
      case 'expiring-soon':
        return t('certificates.state.expiringSoon', {
          days: `${soon.get(batch.id) ?? 0}`,
        });
      default:
        return t('certificates.state.inUse');
    }
  };

  const columns: TableColumn<CertificateBatch>[] = [
    { title: t('certificates.columns.holder'), field: 'holderDepartment' },
    {
      title: t('certificates.columns.item'),
      field: 'item',
      render: row => t(`certificates.items.${row.item}`),
    },
    {
      title: t('certificates.columns.medium'),
      field: 'medium',
      render: row =>
        row.medium === 'usb-key' ? (
          <span data-testid={`batch-usb-keys-${row.id}`}>
            {t('certificates.media.usb-key')} ·{' '}
            {typeof row.usbKeys === 'number'
              ? t('certificates.usbKeys.stated', { keys: `${row.usbKeys}` })
              : t('certificates.usbKeys.notStated')}
          </span>
        ) : (
          t(`certificates.media.${row.medium}`)
        ),
    },
    {
      title: t('certificates.columns.serials'),
      field: 'serials',
      render: row => (
        <span
          title={
            Array.isArray(row.serials) ? row.serials.join('; ') : undefined
          }
        >
          {serials(row.serials)}
        </span>
      ),
    },
    { title: t('certificates.columns.count'), field: 'count', type: 'numeric' },
    {
      title: t('certificates.columns.issuedOn'),
      field: 'issuedOn',
      render: row => format.date(row.issuedOn),
    },
    {
      title: t('certificates.columns.expiresOn'),
      field: 'expiresOn',
      render: row => format.date(row.expiresOn),
    },
    {
      title: t('certificates.columns.state'),
      field: 'retiredAt',
      render: row => {
        const state = stateOf(row);
        return (
          <StateChip
            tone={STATE_TONES[state]}
            label={stateLabel(row, state)}
            data-testid={`batch-state-${row.id}`}
            data-batch-state={state}
          />
        );
      },
    },
    {
      title: t('certificates.columns.actions'),
      field: 'id',
      render: row =>
        row.retiredAt ? null : (
          <Button
            size="small"
            onClick={() => props.onRetire(row)}
            data-testid={`retire-batch-${row.id}`}
          >
            {t('certificates.retire')}
          </Button>
        ),
    },
  ];

  return (
    <Table<CertificateBatch>
      options={listOptions<CertificateBatch>({
        pageSize: 20,
        rows: register.batches.length,
        dense: true,
        rowStyle: row => (row.retiredAt ? { opacity: 0.6 } : {}),
      })}
      columns={columns}
      data={register.batches}
      emptyContent={<EmptyRows text={t('certificates.batchesEmpty')} />}
    />
  );
}
