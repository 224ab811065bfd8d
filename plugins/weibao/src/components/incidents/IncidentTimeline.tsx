import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ClockMilestone,
  enteredLateMs,
  IncidentActionType,
  IncidentTimelineEntry,
  ROOT_CAUSE_CATEGORIES,
  RootCauseCategory,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { useWeibaoFormat } from '../../lib/format';
import { weibaoTranslationRef } from '../../translation';
import { ActorName } from './IncidentSummary';

/** The payload fields a timeline entry shows, in this order. */
const DETAILS = [
  'level',
  'reporter',
  'assignees',
  'grantedBy',
  'method',
  'result',
  'rootCause',
  'confirmedBy',
  'reason',
  'text',
  'note',
] as const;

const isRootCause = (v: unknown): v is RootCauseCategory =>
  ROOT_CAUSE_CATEGORIES.includes(v as RootCauseCategory);

function EntryDetails(props: { entry: IncidentTimelineEntry }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const payload = props.entry.payload;
  const shown = DETAILS.flatMap(key => {
    const value = payload[key];
    if (value === undefined || value === null || value === '') return [];
    if (Array.isArray(value) && value.length === 0) return [];
    let text: string;
    if (key === 'reporter' && typeof value === 'object') {
      const r = value as { name?: string; contact?: string };
      text = [r.name, r.contact].filter(Boolean).join(', ');
    } else if (key === 'rootCause' && isRootCause(value)) {
      text = t(`incidents.rootCauses.${value}`);
    } else if (Array.isArray(value)) {
      text = value.join(', ');
    } else {
      text = String(value);
    }
    return [`${t(`incidents.details.${key}`)}: ${text}`];
  });
  if (!shown.length) return null;
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      style={{ whiteSpace: 'pre-wrap' }}
    >
      {shown.join(' · ')}
    </Typography>
  );
}

/**
 * What the record says about an entry's time: entered late (claimed time and entered time), a
 * back-fill, or a dispute (a backdated action against breaches already on the record).
 */
function EntryRecord(props: { entry: IncidentTimelineEntry }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const { entry } = props;
  const lines: string[] = [];
  if (entry.type === 'breach-disputed') {
    const p = entry.payload as {
      action: IncidentActionType;
      claimedAt: number;
      enteredAt: number;
      breaches: Array<{ milestone: ClockMilestone; breachedAt: number }>;
    };
    for (const b of p.breaches ?? []) {
      lines.push(
        t('incidents.timeline.dispute', {
          action: t(`incidents.events.${p.action}`),
          claimed: format.instant(new Date(p.claimedAt).toISOString()),
          entered: format.instant(new Date(p.enteredAt).toISOString()),
          milestone: t(`milestones.${b.milestone}`),
          breachedAt: format.instant(new Date(b.breachedAt).toISOString()),
        }),
      );
    }
  }
  const late = enteredLateMs(
    Date.parse(entry.at),
    Date.parse(entry.recordedAt),
  );
  if (late !== null) {
    lines.push(
      t('incidents.timeline.enteredLate', {
        late: format.duration(late),
        entered: format.instant(entry.recordedAt),
      }),
    );
  }
  const backfill = entry.payload.backfill as { reason?: string } | undefined;
  if (entry.type === 'reported' && backfill?.reason) {
    lines.push(t('incidents.timeline.backfilled', { reason: backfill.reason }));
  }
  if (!lines.length) return null;
  return (
    <Typography
      variant="body2"
      color="error"
      data-testid="timeline-record"
      style={{ whiteSpace: 'pre-wrap' }}
    >
      {lines.join('\n')}
    </Typography>
  );
}

/**
 * The incident's append-only timeline, oldest first (newest last): what happened, when, who
 * did it and what they recorded.
 */
export function IncidentTimeline(props: { timeline: IncidentTimelineEntry[] }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const entries = [...props.timeline].sort((a, b) => a.seq - b.seq);
  return (
    <InfoCard title={t('incidents.timeline.title')}>
      <List dense data-testid="incident-timeline">
        {entries.map(entry => (
          <ListItem
            key={entry.seq}
            data-testid="timeline-entry"
            divider
            disableGutters
          >
            <Box>
              <Typography variant="body2">
                <strong>{t(`incidents.events.${entry.type}`)}</strong>
                {' · '}
                {format.instant(entry.at)}
                {' · '}
                {t('incidents.timeline.by')} <ActorName actor={entry.actor} />
              </Typography>
              <EntryDetails entry={entry} />
              <EntryRecord entry={entry} />
            </Box>
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
