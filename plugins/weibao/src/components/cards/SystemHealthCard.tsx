import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Fragment } from 'react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  RELATION_COVERED_BY,
  type SystemHealth,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { weibaoApiRef } from '../../api';
import { AsyncCard } from '../../lib/AsyncCard';
import { ClockStateChip } from '../../lib/ClockStateChip';
import { weibaoTranslationRef } from '../../translation';
import {
  CertificateExpiries,
  Duties,
  RunningClocks,
  Section,
  UpgradeInFlight,
} from './HealthSections';

/** Open incidents, awaiting confirmation, clocks at risk and breached, as figures. */
function Figures(props: { health: SystemHealth }) {
  const { health } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const figures = [
    ['openIncidents', health.openIncidents, null],
    ['awaitingConfirmation', health.awaitingConfirmation, null],
    ['atRisk', health.atRisk, 'at-risk'],
    ['breached', health.breached, 'breached'],
  ] as const;
  const testIds = {
    openIncidents: 'health-open-incidents',
    awaitingConfirmation: 'health-awaiting-confirmation',
    atRisk: 'health-at-risk',
    breached: 'health-breached',
  } as const;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 24 }}>
      {figures.map(([key, value, state]) => (
        <Box key={key}>
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography
              variant="h5"
              data-testid={testIds[key]}
              color={state && value > 0 ? 'error' : 'textPrimary'}
            >
              {value}
            </Typography>
            {state && value > 0 && <ClockStateChip state={state} />}
          </Box>
          <Typography variant="caption">
            {t(`systemHealthCard.figures.${key}`)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/**
 * A hospital system's health under its contract: open incidents by level, running clocks with
 * their due and remaining time, what is due, the upgrade in flight and, for a CA system,
 * certificate expiries. One backend call.
 *
 * @public
 */
export function SystemHealthCard() {
  const { entity } = useEntity();
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const systemRef = stringifyEntityRef(entity);
  const state = useAsync(
    () => api.getSystemHealth(systemRef),
    [api, systemRef],
  );

  return (
    <AsyncCard title={t('systemHealthCard.title')} state={state}>
      {value => (
        <HealthView
          health={value}
          contractRefs={coveringContractRefs(entity)}
          showCertificates={entity.spec?.type === 'ca'}
        />
      )}
    </AsyncCard>
  );
}

/** The contracts covering a system, from its catalog relations: no backend call. */
function coveringContractRefs(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === RELATION_COVERED_BY)
    .map(r => r.targetRef);
}

/** The card's content once the health is there. */
function HealthView(props: {
  health: SystemHealth;
  contractRefs: string[];
  showCertificates: boolean;
}) {
  const { health, contractRefs } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const levelNames = health.levelNames;
  const levelName = (level: number | string) =>
    levelNames[level]
      ? t('systemHealthCard.levelNamed', {
          level: `${level}`,
          name: levelNames[level],
        })
      : t('systemHealthCard.level', { level: `${level}` });
  const levels = Object.entries(health.openByLevel)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => Number(a) - Number(b));

  return (
    <>
      {contractRefs.length ? (
        <Box mb={2} data-testid="health-covered-by">
          <Typography variant="body2">
            {`${t('systemHealthCard.coveredBy')}: `}
            {contractRefs.map((ref, i) => (
              <Fragment key={ref}>
                {i > 0 && ', '}
                <EntityRefLink entityRef={ref} />
              </Fragment>
            ))}
          </Typography>
        </Box>
      ) : (
        <Box mb={2} data-testid="health-no-contract">
          <Typography color="error">
            {t('systemHealthCard.noContract')}
          </Typography>
          <Typography variant="caption">
            {t('systemHealthCard.noContractHint')}
          </Typography>
        </Box>
      )}
      <Figures health={health} />
      <Section title={t('systemHealthCard.byLevel')} testId="health-by-level">
        {levels.length ? (
          <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
            {levels.map(([level, count]) => (
              <Chip
                key={level}
                size="small"
                variant="outlined"
                label={`${levelName(level)}: ${count}`}
              />
            ))}
          </Box>
        ) : (
          <Typography>{t('systemHealthCard.noOpenIncidents')}</Typography>
        )}
      </Section>
      <Section
        title={t('systemHealthCard.runningClocks')}
        testId="health-running-clocks"
      >
        <RunningClocks health={health} levelName={levelName} />
      </Section>
      <Section title={t('systemHealthCard.duties')} testId="health-duties">
        <Duties health={health} />
      </Section>
      <Section title={t('systemHealthCard.upgrade')} testId="health-upgrade">
        <UpgradeInFlight health={health} />
      </Section>
      {(props.showCertificates || health.certificates) && (
        <Section
          title={t('systemHealthCard.certificates')}
          testId="health-certificates"
        >
          <CertificateExpiries health={health} />
        </Section>
      )}
    </>
  );
}
