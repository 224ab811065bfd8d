import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ObligationHistoryEntry } from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { EvidenceLink } from '../../lib/EvidenceLink';
import { useWeibaoFormat } from '../../lib/format';
import { weibaoTranslationRef } from '../../translation';
import { ActorName } from '../incidents/IncidentSummary';

/** Who acted: Weibao itself (planning, a contract change, notices), a user or group, a plugin. */
function HistoryActor(props: { actor: string }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  if (props.actor === 'weibao') return <>{t('obligationHistory.weibao')}</>;
  return <ActorName actor={props.actor} />;
}

/** What the entry recorded: the due times, the evidence, the reason. */
function EntryDetails(props: { entry: ObligationHistoryEntry }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const { entry } = props;
  const parts: string[] = [];
  let links: Array<{ title?: string; url: string }> = [];
  switch (entry.type) {
    case 'planned':
      parts.push(
        t('obligationHistory.due', {
          due: format.instant(entry.payload.dueAt),
        }),
      );
      if (entry.payload.beforeTracking)
        parts.push(t('obligationHistory.beforeTracking'));
      break;
    case 'tracking':
      parts.push(
        entry.payload.beforeTracking
          ? t('obligationHistory.beforeTracking')
          : t('obligationHistory.tracked', {
              start: format.instant(entry.payload.trackingStart),
            }),
      );
      break;
    case 'rescheduled':
      parts.push(
        t('obligationHistory.moved', {
          from: format.instant(entry.payload.from),
          to: format.instant(entry.payload.to),
        }),
      );
      if (entry.payload.cause)
        parts.push(t(`obligationHistory.causes.${entry.payload.cause}`));
      break;
    case 'retired':
      parts.push(t('obligationHistory.retired'));
      break;
    case 'completed': {
      const { onTime, evidence, recordedAt } = entry.payload;
      parts.push(
        t(onTime ? 'obligationHistory.onTime' : 'obligationHistory.late'),
      );
      if (evidence?.note)
        parts.push(t('obligationHistory.note', { note: evidence.note }));
      if (evidence?.people?.length)
        parts.push(
          t('obligationHistory.people', { people: evidence.people.join(', ') }),
        );
      if (recordedAt && recordedAt !== entry.at)
        parts.push(
          t('obligationHistory.recordedAt', { at: format.instant(recordedAt) }),
        );
      links = evidence?.links ?? [];
      break;
    }
    case 'waived':
      parts.push(
        t('obligationHistory.reason', { reason: entry.payload.reason }),
      );
      break;
    default:
      break;
  }
  if (!parts.length && !links.length) return null;
  return (
    <Typography
      component="div"
      variant="body2"
      color="textSecondary"
      style={{ whiteSpace: 'pre-wrap' }}
      data-testid="obligation-history-details"
    >
      {parts.join(' · ')}
      {links.map(link => (
        <Box key={link.url}>
          <EvidenceLink url={link.url} title={link.title} />
        </Box>
      ))}
    </Typography>
  );
}

/**
 * An occurrence's append-only history, oldest first: what happened (planned, due time moved,
 * completed, waived…), when in the hospital's time zone, who did it, and what they recorded.
 */
export function ObligationHistory(props: {
  history: ObligationHistoryEntry[];
}) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const entries = [...props.history].sort((a, b) => a.seq - b.seq);
  return (
    <InfoCard title={t('obligationHistory.title')}>
      {entries.length ? (
        <List dense data-testid="obligation-history">
          {entries.map(entry => (
            <ListItem
              key={entry.seq}
              data-testid="obligation-history-entry"
              data-history-type={entry.type}
              divider
              disableGutters
            >
              <Box>
                <Typography variant="body2">
                  <strong>{t(`obligationHistory.types.${entry.type}`)}</strong>
                  {' · '}
                  {format.instant(entry.at)}
                  {' · '}
                  {t('obligationHistory.by')}{' '}
                  <HistoryActor actor={entry.actor} />
                </Typography>
                <EntryDetails entry={entry} />
              </Box>
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {t('obligationHistory.empty')}
        </Typography>
      )}
    </InfoCard>
  );
}
