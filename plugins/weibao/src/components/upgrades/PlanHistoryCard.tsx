import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  UPGRADE_GATES,
  type UpgradeEventView,
} from '@weibao/plugin-weibao-common';
import { useWeibaoFormat } from '../../lib/format';
import { listOptions } from '../../lib/tables';
import { weibaoTranslationRef } from '../../translation';
import { ActorName } from './UpgradeChips';

const asIso = (value: unknown) =>
  typeof value === 'number' ? new Date(value).toISOString() : String(value);

/** The plan's append-only history: when, what, who, and the words given. */
export function PlanHistoryCard(props: { history: UpgradeEventView[] }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();

  const details = (event: UpgradeEventView): string => {
    // what an event may carry, each field checked before it is shown
    const p = event.payload as Partial<{
      gate: string;
      fromVersion: unknown;
      toVersion: unknown;
      window: { start?: unknown; end?: unknown };
      override: { reason?: unknown };
      durationMinutes: unknown;
    }> &
      Record<string, unknown>;
    const parts: string[] = [];
    if (p.gate && (UPGRADE_GATES as readonly string[]).includes(p.gate)) {
      parts.push(
        t(`upgrades.gates.${p.gate as (typeof UPGRADE_GATES)[number]}`),
      );
    }
    if (typeof p.fromVersion === 'string' && typeof p.toVersion === 'string') {
      parts.push(
        t('upgrades.versions', { from: p.fromVersion, to: p.toVersion }),
      );
    }
    if (p.window && p.window.start !== undefined) {
      parts.push(
        t('upgrades.windowRange', {
          start: format.instant(asIso(p.window.start)),
          end: format.instant(asIso(p.window.end)),
        }),
      );
    }
    for (const key of ['note', 'reason', 'functionalTest', 'dataCheck']) {
      const text = p[key];
      if (typeof text === 'string') parts.push(text);
    }
    if (typeof p.override?.reason === 'string') parts.push(p.override.reason);
    if (typeof p.durationMinutes === 'number') {
      parts.push(t('upgrades.minutes', { minutes: `${p.durationMinutes}` }));
    }
    return parts.join(' · ');
  };

  const columns: TableColumn<UpgradeEventView>[] = [
    {
      title: t('upgrades.page.historyColumns.at'),
      field: 'at',
      render: row => format.instant(row.at),
    },
    {
      title: t('upgrades.page.historyColumns.type'),
      field: 'type',
      render: row =>
        row.type === 'planned'
          ? t('upgrades.planned')
          : t(`upgrades.actions.${row.type}`),
    },
    {
      title: t('upgrades.page.historyColumns.actor'),
      field: 'actor',
      render: row => <ActorName actor={row.actor} />,
    },
    {
      title: t('upgrades.page.historyColumns.details'),
      field: 'payload',
      render: row => details(row),
    },
  ];

  return (
    <InfoCard title={t('upgrades.page.historyTitle')} noPadding>
      <Table<UpgradeEventView>
        options={listOptions({ dense: true })}
        columns={columns}
        data={props.history}
      />
    </InfoCard>
  );
}
