import { Table, TableColumn } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { HospitalSystem } from '@weibao/plugin-weibao-common';
import useAsync from 'react-use/esm/useAsync';
import { weibaoApiRef } from '../../api';
import { AsyncContent } from '../../lib/AsyncCard';
import { EmptyRows, listOptions } from '../../lib/tables';
import { weibaoTranslationRef } from '../../translation';

/**
 * Every hospital system in the catalog, by hospital: one backend call.
 *
 * @public
 */
export function HospitalSystemsPage() {
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const state = useAsync(() => api.listHospitalSystems(), [api]);

  const columns: TableColumn<HospitalSystem>[] = [
    {
      title: t('hospitalSystemsPage.columns.hospital'),
      field: 'hospitalRef',
      render: row =>
        row.hospital?.title ??
        t('hospitalSystemsPage.hospitalMissing', { ref: row.hospitalRef }),
    },
    {
      title: t('hospitalSystemsPage.columns.system'),
      field: 'title',
      render: row => (
        <EntityRefLink entityRef={row.entityRef} title={row.title} />
      ),
    },
    {
      title: t('hospitalSystemsPage.columns.type'),
      field: 'type',
      render: row => t(`systemTypes.${row.type}`),
    },
    {
      title: t('hospitalSystemsPage.columns.product'),
      field: 'product',
      render: row =>
        [row.product, row.productVersion].filter(Boolean).join(' '),
    },
    {
      title: t('hospitalSystemsPage.columns.owner'),
      field: 'owner',
      render: row => <EntityRefLink entityRef={row.owner} />,
    },
  ];

  return (
    <AsyncContent state={state}>
      {list => (
        <>
          <Table<HospitalSystem>
            title={t('hospitalSystemsPage.subtitle')}
            options={listOptions({
              pageSize: 20,
              search: true,
              sorting: true,
              toolbar: true,
            })}
            columns={columns}
            data={list.items}
            emptyContent={<EmptyRows text={t('hospitalSystemsPage.empty')} />}
          />
        </>
      )}
    </AsyncContent>
  );
}
