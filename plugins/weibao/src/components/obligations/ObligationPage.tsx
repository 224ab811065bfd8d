import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useRouteRefParams } from '@backstage/core-plugin-api';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ObligationOccurrence,
  ObligationOccurrenceDetail,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { weibaoApiRef } from '../../api';
import { AsyncContent } from '../../lib/AsyncCard';
import { EvidenceFileLink } from '../../lib/EvidenceFileLink';
import { EvidenceLink } from '../../lib/EvidenceLink';
import { useWeibaoFormat } from '../../lib/format';
import { obligationRouteRef } from '../../routes';
import { weibaoTranslationRef } from '../../translation';
import { SURVEY_CATEGORIES } from './CompleteObligationDialog';
import { ObligationActions } from './ObligationActions';
import { ObligationHistory } from './ObligationHistory';
import { ObligationStateChip, useObligationName } from './obligationText';

function Refs(props: { refs: string[] }) {
  return (
    <>
      {props.refs.map(ref => (
        <Box key={ref}>
          <EntityRefLink entityRef={ref} />
        </Box>
      ))}
    </>
  );
}

/** What completing or waiving the occurrence recorded. */
function OccurrenceRecord(props: { occurrence: ObligationOccurrence }) {
  const { done, waived } = props.occurrence;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const none = t('obligationPage.none');
  if (waived) {
    return (
      <StructuredMetadataTable
        metadata={{
          [t('obligationPage.waivedAt')]: format.instant(waived.at),
          [t('obligationPage.waivedBy')]: waived.by,
          [t('obligationPage.reason')]: waived.reason,
        }}
      />
    );
  }
  if (!done) return null;
  const { evidence } = done;
  const categoryName = (key: string) =>
    (SURVEY_CATEGORIES as ReadonlyArray<string>).includes(key)
      ? t(
          `completeObligation.scoreCategories.${
            key as (typeof SURVEY_CATEGORIES)[number]
          }`,
        )
      : key;
  return (
    <StructuredMetadataTable
      metadata={{
        [t('obligationPage.doneAt')]: done.lateRecord ? (
          <span data-testid="obligation-late-record">
            {t('obligationPage.lateRecord', {
              done: format.instant(done.at),
              recorded: format.instant(done.recordedAt),
            })}
          </span>
        ) : (
          format.instant(done.at)
        ),
        [t('obligationPage.recordedAt')]: format.instant(done.recordedAt),
        [t('obligationPage.doneBy')]: done.by,
        [t('obligationPage.note')]: evidence.note ?? none,
        [t('obligationPage.links')]: evidence.links?.length ? (
          <>
            {evidence.links.map(link => (
              <Box key={link.url}>
                <EvidenceLink url={link.url} title={link.title} />
              </Box>
            ))}
          </>
        ) : (
          none
        ),
        [t('obligationPage.files')]: evidence.files?.length ? (
          <>
            {evidence.files.map(file => (
              <Box key={file.id}>
                <EvidenceFileLink file={file} />
              </Box>
            ))}
          </>
        ) : (
          none
        ),
        [t('obligationPage.people')]: evidence.people?.length
          ? evidence.people.join(', ')
          : none,
        ...(evidence.scores
          ? {
              [t('obligationPage.scores')]: (
                <Box data-testid="obligation-scores">
                  {Object.entries(evidence.scores).map(([key, score]) => (
                    <Box key={key}>{`${categoryName(key)}: ${score}`}</Box>
                  ))}
                </Box>
              ),
            }
          : {}),
      }}
    />
  );
}

/**
 * One obligation occurrence (`/weibao/obligations/:id`): its duty, systems, contract, window,
 * due time and state, the evidence once done or the reason once waived, with Complete and
 * Waive while it is open, and its history: who planned, moved, completed or waived it, and when.
 * One backend call; reloads after a change.
 *
 * @public
 */
export function ObligationPage() {
  const { id } = useRouteRefParams(obligationRouteRef);
  const api = useApi(weibaoApiRef);
  const state = useAsyncRetry(() => api.getObligation(id), [api, id]);
  return (
    <AsyncContent state={state} keepWhileReloading>
      {o => <ObligationView occurrence={o} onChanged={state.retry} />}
    </AsyncContent>
  );
}

/** The occurrence's cards, once loaded; `onChanged` reloads it after Complete or Waive. */
function ObligationView(props: {
  occurrence: ObligationOccurrenceDetail;
  onChanged: () => void;
}) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const nameOf = useObligationName();
  const o = props.occurrence;

  return (
    <Grid container spacing={3} data-testid="obligation-page">
      <Grid item xs={12} md={7}>
        <InfoCard
          title={
            <Box display="flex" alignItems="center" style={{ gap: 12 }}>
              <span>{nameOf(o)}</span>
              <ObligationStateChip occurrence={o} />
            </Box>
          }
          subheader={o.description ?? undefined}
        >
          {o.state === 'before-tracking' && (
            <Typography
              variant="body2"
              color="textSecondary"
              paragraph
              data-testid="obligation-before-tracking"
            >
              {t('obligationPage.beforeTracking')}
            </Typography>
          )}
          <StructuredMetadataTable
            metadata={{
              [t('obligationPage.kind')]: nameOf(o),
              [t('obligationPage.frequency')]: t(
                `obligationFrequencies.${o.frequency}`,
              ),
              [t('obligationPage.description')]:
                o.description ?? t('obligationPage.none'),
              [t('obligationPage.systems')]: o.systems.length ? (
                <Refs refs={o.systems} />
              ) : (
                t('obligationPage.allSystems')
              ),
              [t('obligationPage.contract')]: (
                <EntityRefLink entityRef={o.contractRef} />
              ),
              [t('obligationPage.hospital')]: (
                <EntityRefLink entityRef={o.hospitalRef} />
              ),
              [t('obligationPage.owner')]: (
                <EntityRefLink entityRef={o.ownerRef} />
              ),
              [t('obligationPage.window')]: t('obligationPage.windowDates', {
                start: format.date(o.windowStart),
                end: format.date(o.windowEnd),
              }),
              [t('obligationPage.due')]: format.instant(o.dueAt),
              [t('obligationPage.state')]: (
                <ObligationStateChip occurrence={o} />
              ),
            }}
          />
          <Box mt={2}>
            <ObligationActions occurrence={o} onChanged={props.onChanged} />
          </Box>
        </InfoCard>
      </Grid>
      {(o.done || o.waived) && (
        <Grid item xs={12} md={5}>
          <InfoCard title={t('obligationPage.evidence')}>
            <Typography component="div" data-testid="obligation-record">
              <OccurrenceRecord occurrence={o} />
            </Typography>
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <ObligationHistory history={o.history} />
      </Grid>
    </Grid>
  );
}
