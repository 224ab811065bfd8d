import { ReactNode, useState } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ObligationGroup,
  OccurrenceState,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { ChipTone, StateChip } from '../../lib/StateChip';
import { weibaoTranslationRef } from '../../translation';
import {
  BulkConfirmation,
  BulkObligationDialog,
  BulkOutcome,
  BulkTarget,
} from './BulkObligationDialog';
import { useDutyName } from './obligationText';

/** The states a group counts, in the order its chips show them, with their colours. */
const COUNTED: ReadonlyArray<{
  state: Exclude<OccurrenceState, 'retired' | 'before-tracking'>;
  tone: ChipTone;
}> = [
  { state: 'overdue', tone: 'danger' },
  { state: 'due', tone: 'warning' },
  { state: 'upcoming', tone: 'plain' },
  { state: 'done', tone: 'success' },
  { state: 'waived', tone: 'italic' },
];

/**
 * One group's identity: its contract, duty, system (none for a contract-wide duty) and whether
 * it is the duty's follow-ups (its written reports).
 */
export const groupKey = (g: ObligationGroup) =>
  `${g.contractRef}|${g.obligationId}|${g.systemRef ?? ''}|${g.followUp ?? ''}`;

const count = (g: ObligationGroup, state: OccurrenceState) =>
  g.counts[state] ?? 0;

/** Worst first: most overdue, then most due soon, then the oldest overdue, then the next due. */
export function byUrgency(a: ObligationGroup, b: ObligationGroup): number {
  return (
    count(b, 'overdue') - count(a, 'overdue') ||
    count(b, 'due') - count(a, 'due') ||
    (a.oldestOverdueAt ?? '~').localeCompare(b.oldestOverdueAt ?? '~') ||
    (a.nextDueAt ?? '~').localeCompare(b.nextDueAt ?? '~')
  );
}

/** Whether a group has occurrences a bulk action would record (overdue or due soon). */
const hasOpen = (g: ObligationGroup) =>
  count(g, 'overdue') + count(g, 'due') > 0;

/** A group's counts as coloured chips ("270 overdue"), and "41 before tracking" quietly. */
export function DutyCounts(props: { group: ObligationGroup }) {
  const { group } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const beforeTracking = count(group, 'before-tracking');
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 6 }}>
      {COUNTED.filter(c => count(group, c.state) > 0).map(c => (
        <StateChip
          key={c.state}
          tone={c.tone}
          label={t(`dutyGroups.counts.${c.state}`, {
            count: count(group, c.state),
          })}
          data-duty-count={c.state}
        />
      ))}
      {beforeTracking > 0 && (
        <Typography
          variant="caption"
          color="textSecondary"
          data-duty-count="before-tracking"
        >
          {t('dutyGroups.counts.beforeTracking', {
            count: beforeTracking,
          })}
        </Typography>
      )}
    </Box>
  );
}

type Dialog = { action: 'complete' | 'waive'; groups: ObligationGroup[] };

/**
 * Duties grouped with their counts, worst first, in two sections: on a system's page its own
 * duties and those of its contracts as a whole; elsewhere the contracts' and the systems'. Each
 * group has a checkbox, Complete… and Waive… for its overdue and due occurrences; the selected
 * groups are completed or waived together. After an action it confirms what it did and calls
 * `onChanged` (the caller reloads the counts).
 */
export function DutyGroups(props: {
  groups: ObligationGroup[];
  /** The system whose page this is: its own duties first, the system not named on each. */
  systemRef?: string;
  onChanged: () => void;
  /** Below a group when it is open (its occurrences); with `onOpen`, the toggle's action. */
  renderOccurrences?: (group: ObligationGroup) => ReactNode;
  /** Instead of opening below: the caller shows the group's occurrences elsewhere. */
  onOpen?: (group: ObligationGroup) => void;
  /** The group whose occurrences are shown (by `groupKey`). */
  openKey?: string;
}) {
  const { groups, systemRef, onChanged, renderOccurrences, onOpen } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const dutyName = useDutyName();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [confirmation, setConfirmation] = useState<BulkOutcome | undefined>();
  const [expanded, setExpanded] = useState<string | undefined>();
  const openKey = onOpen ? props.openKey : expanded;

  const [allOfContract, setAllOfContract] = useState(false);

  const sorted = [...groups].sort(byUrgency);
  const contractWide = sorted.filter(g => g.systemRef === null);
  const perSystem = sorted.filter(g => g.systemRef !== null);
  // on a system's page, the contract's duties that need nothing this week stay folded: they
  // are the contract's, counted on the contract, and would bury the system's own
  const pressing = (g: ObligationGroup) =>
    (g.counts.overdue ?? 0) + (g.counts.due ?? 0) > 0;
  const quiet =
    systemRef && !allOfContract ? contractWide.filter(g => !pressing(g)) : [];
  const sections = [
    {
      key: 'system',
      title: systemRef
        ? t('dutyGroups.systemSection')
        : t('dutyGroups.systemsSection'),
      groups: perSystem,
    },
    {
      key: 'contract',
      title: t('dutyGroups.contractSection'),
      groups: contractWide.filter(g => !quiet.includes(g)),
    },
  ];
  if (!systemRef) sections.reverse();

  const chosen = sorted.filter(g => selected.has(groupKey(g)));
  const nameOfGroups = (list: ObligationGroup[]) =>
    list.length === 1
      ? dutyName(list[0])
      : t('bulkObligation.severalDuties', { count: list.length });
  const toggle = (g: ObligationGroup) =>
    setSelected(s => {
      const next = new Set(s);
      if (next.has(groupKey(g))) next.delete(groupKey(g));
      else next.add(groupKey(g));
      return next;
    });
  const done = (outcome: BulkOutcome) => {
    setDialog(undefined);
    setSelected(new Set());
    setConfirmation(outcome);
    onChanged();
  };
  const target: BulkTarget = { groups: dialog?.groups ?? [] };

  return (
    <Box data-testid="duty-groups">
      <BulkConfirmation
        outcome={confirmation}
        onDismiss={() => setConfirmation(undefined)}
      />
      {groups.length === 0 && (
        <Typography data-testid="duty-groups-empty">
          {t('dutyGroups.empty')}
        </Typography>
      )}
      {chosen.length > 0 && (
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
          mb={1}
          data-testid="duty-selection"
        >
          <Typography variant="body2">
            {t('dutyGroups.selected', { count: chosen.length })}
          </Typography>
          <Button
            size="small"
            variant="contained"
            color="primary"
            disabled={!chosen.some(hasOpen)}
            onClick={() =>
              setDialog({ action: 'complete', groups: chosen.filter(hasOpen) })
            }
          >
            {t('dutyGroups.completeSelected')}
          </Button>
          <Button
            size="small"
            variant="outlined"
            disabled={!chosen.some(hasOpen)}
            onClick={() =>
              setDialog({ action: 'waive', groups: chosen.filter(hasOpen) })
            }
          >
            {t('dutyGroups.waiveSelected')}
          </Button>
        </Box>
      )}
      {sections
        .filter(
          section =>
            section.groups.length > 0 ||
            (section.key === 'contract' && quiet.length > 0),
        )
        .map(section => (
          <Box
            key={section.key}
            mb={2}
            data-testid={`duty-section-${section.key}`}
          >
            <Typography variant="subtitle1">{section.title}</Typography>
            <List dense disablePadding>
              {section.groups.map(g => {
                const key = groupKey(g);
                const name = dutyName(g);
                const open = openKey === key;
                return (
                  <ListItem
                    key={key}
                    divider
                    data-testid="duty-group"
                    data-obligation-id={g.obligationId}
                    data-system-ref={g.systemRef ?? ''}
                    style={{ display: 'block' }}
                  >
                    <Box
                      display="flex"
                      alignItems="flex-start"
                      style={{ gap: 8 }}
                    >
                      <Checkbox
                        size="small"
                        checked={selected.has(key)}
                        onChange={() => toggle(g)}
                        inputProps={{
                          'aria-label': t('dutyGroups.select', { name }),
                        }}
                      />
                      <Box flex={1} minWidth={0}>
                        <Typography variant="body1" data-testid="duty-name">
                          {name}
                        </Typography>
                        {g.systemRef !== null && g.systemRef !== systemRef && (
                          <Typography variant="body2">
                            <EntityRefLink entityRef={g.systemRef} />
                          </Typography>
                        )}
                        {g.systemRef === null && (
                          <Typography variant="body2">
                            <EntityRefLink entityRef={g.contractRef} />
                          </Typography>
                        )}
                        {g.description && (
                          <Typography variant="body2" color="textSecondary">
                            {g.description}
                          </Typography>
                        )}
                        <Box mt={0.5}>
                          <DutyCounts group={g} />
                        </Box>
                      </Box>
                      <Box
                        display="flex"
                        flexWrap="wrap"
                        justifyContent="flex-end"
                        style={{ gap: 4 }}
                      >
                        <Button
                          size="small"
                          variant="outlined"
                          color="primary"
                          disabled={!hasOpen(g)}
                          onClick={() =>
                            setDialog({ action: 'complete', groups: [g] })
                          }
                        >
                          {t('dutyGroups.complete')}
                        </Button>
                        <Button
                          size="small"
                          disabled={!hasOpen(g)}
                          onClick={() =>
                            setDialog({ action: 'waive', groups: [g] })
                          }
                        >
                          {t('dutyGroups.waive')}
                        </Button>
                        {(renderOccurrences || onOpen) && (
                          <Button
                            size="small"
                            aria-expanded={open}
                            onClick={() =>
                              onOpen
                                ? onOpen(g)
                                : setExpanded(open ? undefined : key)
                            }
                          >
                            {open && !onOpen
                              ? t('dutyGroups.hideOccurrences')
                              : t('dutyGroups.showOccurrences')}
                          </Button>
                        )}
                      </Box>
                    </Box>
                    {open && renderOccurrences && (
                      <Box pl={5} pt={1}>
                        {renderOccurrences(g)}
                      </Box>
                    )}
                  </ListItem>
                );
              })}
            </List>
            {section.key === 'contract' && quiet.length > 0 && (
              <Box
                display="flex"
                alignItems="center"
                style={{ gap: 8 }}
                mt={1}
                data-testid="duty-quiet-contract"
              >
                <Typography variant="body2" color="textSecondary">
                  {t('dutyGroups.quietContract', { count: quiet.length })}
                </Typography>
                <Button size="small" onClick={() => setAllOfContract(true)}>
                  {t('dutyGroups.showAllOfContract')}
                </Button>
              </Box>
            )}
          </Box>
        ))}
      <BulkObligationDialog
        action={dialog?.action ?? 'complete'}
        target={target}
        name={nameOfGroups(dialog?.groups ?? [])}
        open={dialog !== undefined}
        onClose={() => setDialog(undefined)}
        onDone={done}
      />
    </Box>
  );
}
