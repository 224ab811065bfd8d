import { useState } from 'react';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ObligationOccurrence } from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { weibaoApiRef } from '../../api';
import type { ObligationQuery } from '../../api';
import { useWeibaoFormat } from '../../lib/format';
import { obligationRouteRef } from '../../routes';
import { weibaoTranslationRef } from '../../translation';
import {
  BulkConfirmation,
  BulkObligationDialog,
  BulkOutcome,
} from './BulkObligationDialog';
import {
  isOpen,
  ObligationStateChip,
  useDutyName,
  useObligationName,
} from './obligationText';

/** An occurrence's state, and for a late record both times ("done on …, recorded on …"). */
export function OccurrenceStateCell(props: {
  occurrence: ObligationOccurrence;
}) {
  const { occurrence: o } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  return (
    <Box>
      <ObligationStateChip occurrence={o} />
      {o.done?.lateRecord && (
        <Typography
          variant="caption"
          component="div"
          color="textSecondary"
          data-testid="late-record-times"
        >
          {t('dutiesPage.doneRecorded', {
            done: format.instant(o.done.at),
            recorded: format.instant(o.done.recordedAt),
          })}
        </Typography>
      )}
    </Box>
  );
}

/**
 * Occurrences of `GET /obligations` for a query, a page at a time (cursor paging), with a checkbox
 * on each open one and Complete selected… / Waive selected… for the selection (each at the
 * version shown). One backend call per page; after an action it confirms what it did, reloads
 * the page and calls `onChanged`.
 */
export function DutyOccurrencesTable(props: {
  query: ObligationQuery;
  /** Change it to reload from the first page. */
  refreshKey?: number;
  onChanged?: () => void;
  pageSize?: number;
}) {
  const { query, refreshKey = 0, onChanged, pageSize = 20 } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const nameOf = useObligationName();
  const dutyName = useDutyName();
  const obligationLink = useRouteRef(obligationRouteRef);
  const queryKey = JSON.stringify(query);
  const [paging, setPaging] = useState({
    key: `${queryKey}#${refreshKey}`,
    cursors: [undefined] as Array<string | undefined>,
  });
  const [reloads, setReloads] = useState(0);
  const [selected, setSelected] = useState<Map<string, ObligationOccurrence>>(
    new Map(),
  );
  const [dialog, setDialog] = useState<'complete' | 'waive' | undefined>();
  const [confirmation, setConfirmation] = useState<BulkOutcome | undefined>();
  const pagingKey = `${queryKey}#${refreshKey}`;
  const cursors = paging.key === pagingKey ? paging.cursors : [undefined];
  const setCursors = (next: Array<string | undefined>) => {
    setPaging({ key: pagingKey, cursors: next });
    setSelected(new Map());
  };
  const cursor = cursors[cursors.length - 1];

  const { value, loading, error } = useAsync(
    () =>
      api.listObligations({
        ...query,
        limit: pageSize,
        ...(cursor ? { cursor } : {}),
      }),
    [api, queryKey, cursor, pageSize, refreshKey, reloads],
  );

  const chosen = [...selected.values()];
  const duties = new Set(
    chosen.map(o => `${o.contractRef}|${o.obligationId}|${o.followUpKind}`),
  );
  const chosenName =
    duties.size === 1 && chosen.length
      ? dutyName(chosen[0])
      : t('bulkObligation.severalDuties', { count: duties.size });
  const toggle = (o: ObligationOccurrence) =>
    setSelected(s => {
      const next = new Map(s);
      if (next.has(o.id)) next.delete(o.id);
      else next.set(o.id, o);
      return next;
    });
  const done = (outcome: BulkOutcome) => {
    setDialog(undefined);
    setSelected(new Map());
    setConfirmation(outcome);
    setReloads(n => n + 1);
    onChanged?.();
  };

  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;
  const openOnPage = value.items.filter(isOpen);
  const allChosen =
    openOnPage.length > 0 && openOnPage.every(o => selected.has(o.id));

  return (
    <Box data-testid="duty-occurrences">
      <BulkConfirmation
        outcome={confirmation}
        onDismiss={() => setConfirmation(undefined)}
      />
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
        mb={1}
      >
        <Typography variant="body2">
          {t('dutiesPage.selected', { count: chosen.length })}
        </Typography>
        <Button
          size="small"
          variant="contained"
          color="primary"
          disabled={chosen.length === 0}
          onClick={() => setDialog('complete')}
        >
          {t('dutyGroups.completeSelected')}
        </Button>
        <Button
          size="small"
          variant="outlined"
          disabled={chosen.length === 0}
          onClick={() => setDialog('waive')}
        >
          {t('dutyGroups.waiveSelected')}
        </Button>
      </Box>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox">
              <Checkbox
                size="small"
                checked={allChosen}
                disabled={openOnPage.length === 0}
                inputProps={{ 'aria-label': t('dutiesPage.selectPage') }}
                onChange={() =>
                  setSelected(
                    allChosen
                      ? new Map()
                      : new Map(openOnPage.map(o => [o.id, o])),
                  )
                }
              />
            </TableCell>
            <TableCell>{t('dutiesPage.columns.duty')}</TableCell>
            <TableCell>{t('dutiesPage.columns.system')}</TableCell>
            <TableCell>{t('dutiesPage.columns.contract')}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {t('dutiesPage.columns.due')}
            </TableCell>
            <TableCell>{t('dutiesPage.columns.state')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.items.length === 0 && (
            <TableRow>
              <TableCell colSpan={6}>{t('dutiesPage.empty')}</TableCell>
            </TableRow>
          )}
          {value.items.map(o => (
            <TableRow
              key={o.id}
              data-testid="duty-occurrence"
              data-obligation-id={o.id}
            >
              <TableCell padding="checkbox">
                {isOpen(o) && (
                  <Checkbox
                    size="small"
                    checked={selected.has(o.id)}
                    onChange={() => toggle(o)}
                    inputProps={{
                      'aria-label': t('dutiesPage.selectOccurrence', {
                        due: format.instant(o.dueAt),
                      }),
                    }}
                  />
                )}
              </TableCell>
              <TableCell>
                <Link to={obligationLink({ id: o.id })}>{nameOf(o)}</Link>
              </TableCell>
              <TableCell>
                {o.systemRef ? (
                  <EntityRefLink entityRef={o.systemRef} />
                ) : (
                  t('dutiesPage.wholeContract')
                )}
              </TableCell>
              <TableCell>
                <EntityRefLink entityRef={o.contractRef} />
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {format.instant(o.dueAt)}
              </TableCell>
              <TableCell>
                <OccurrenceStateCell occurrence={o} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="flex-end"
        style={{ gap: 16 }}
        mt={1}
      >
        <Typography variant="body2" data-testid="duty-occurrences-page">
          {t('dutiesPage.pageOf', {
            page: `${cursors.length}`,
            total: `${value.totalCount}`,
          })}
        </Typography>
        <Button
          disabled={loading || cursors.length === 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          {t('dutiesPage.previous')}
        </Button>
        <Button
          disabled={loading || !value.nextCursor}
          onClick={() => setCursors([...cursors, value.nextCursor])}
        >
          {t('dutiesPage.next')}
        </Button>
      </Box>
      <BulkObligationDialog
        action={dialog ?? 'complete'}
        target={{ occurrences: chosen }}
        name={chosenName}
        open={dialog !== undefined}
        onClose={() => setDialog(undefined)}
        onDone={done}
      />
    </Box>
  );
}
