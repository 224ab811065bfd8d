import {
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  catalogProcessingErrors,
  type ContractStanding,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { weibaoApiRef } from '../../api';
import { AsyncCard } from '../../lib/AsyncCard';
import { useWeibaoFormat } from '../../lib/format';
import { FlagChip } from '../../lib/StateChip';
import { weibaoTranslationRef } from '../../translation';
import {
  ExposureView,
  Part,
  PaymentMilestones,
  PenaltyRules,
  SeverityMatrix,
} from './ContractTerms';
import { FinalAcceptance } from './RecordAcceptanceDialog';

type Contract = NonNullable<ContractStanding['contract']>;

/** The period: its dates, or "one year from final acceptance · not yet started". */
function usePeriodText() {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  return (contract: Contract): string => {
    const { period } = contract.spec;
    const dates =
      contract.periodStart && contract.periodEnd
        ? t('contractCard.periodDates', {
            start: format.date(contract.periodStart),
            end: format.date(contract.periodEnd),
          })
        : undefined;
    if (!('from' in period)) return dates ?? '—';
    const months = period.months ?? (period.years === undefined ? 12 : 0);
    const length = [
      period.years && t('contractCard.years', { n: `${period.years}` }),
      months && t('contractCard.months', { n: `${months}` }),
    ]
      .filter(Boolean)
      .join(' ');
    const from = t('contractCard.periodFrom', {
      length,
      event: t(`contractCard.periodEvents.${period.from}`),
    });
    return `${from} · ${
      contract.periodStart ? dates : t('contractCard.notStarted')
    }`;
  };
}

/**
 * The maintenance contract of a MaintenanceContract entity, or the one covering a Component:
 * period, value, whether it is in force, covered systems, the severity matrix, payment
 * milestones, penalty rules and the penalty exposure so far. One backend call; when no
 * contract covers a system, says why. A contract running from final acceptance with no start
 * yet gets a button to record the acceptance (终验); the card reloads once it is recorded.
 *
 * @public
 */
export function ContractCard() {
  const { entity } = useEntity();
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const periodText = usePeriodText();
  const entityRef = stringifyEntityRef(entity);
  // the catalog refused the latest definition and serves the last good one
  const refused = catalogProcessingErrors(entity);
  const state = useAsyncRetry(
    () => api.getContractStanding(entityRef),
    [api, entityRef],
  );

  const terms = (contract: Contract) => {
    const { spec } = contract;
    const viewedFromSystem = contract.entityRef !== entityRef;
    return (
      <>
        <StructuredMetadataTable
          metadata={{
            ...(viewedFromSystem
              ? {
                  [t('contractCard.contract')]: (
                    <EntityRefLink
                      entityRef={contract.entityRef}
                      title={contract.title}
                    />
                  ),
                }
              : {}),
            [t('contractCard.contractNumber')]: spec.contractNumber,
            [t('contractCard.period')]: (
              <span data-testid="contract-period">{periodText(contract)}</span>
            ),
            [t('contractCard.value')]: (
              <span data-testid="contract-value">
                {format.money(spec.value.amount, spec.value.currency)}
              </span>
            ),
            [t('contractCard.inForce')]: (
              <FlagChip
                on={contract.inForce}
                color="primary"
                labels={[t('contractCard.yes'), t('contractCard.no')]}
                data-in-force={`${contract.inForce}`}
                data-testid="contract-in-force"
              />
            ),
            [t('contractCard.covered')]: (
              <Box data-testid="contract-covered">
                {contract.covered.map(system => (
                  <Box key={system.entityRef}>
                    <EntityRefLink
                      entityRef={system.entityRef}
                      title={system.title}
                    />
                    {system.type ? ` · ${t(`systemTypes.${system.type}`)}` : ''}
                  </Box>
                ))}
              </Box>
            ),
            [t('contractCard.duties')]: t('contractCard.dutyFigures', {
              overdue: `${contract.obligations.overdue}`,
              dueSoon: `${contract.obligations.dueSoon}`,
              done: `${contract.obligations.done}`,
            }),
          }}
        />
        <FinalAcceptance contract={contract} onRecorded={state.retry} />
        <Part title={t('contractCard.matrix')} testId="contract-matrix">
          <SeverityMatrix spec={spec} />
        </Part>
        <Part title={t('contractCard.payments')} testId="contract-payments">
          <PaymentMilestones spec={spec} />
        </Part>
        <Part title={t('contractCard.penalties')} testId="contract-penalties">
          <PenaltyRules spec={spec} />
        </Part>
        <Part title={t('contractCard.exposure')} testId="contract-exposure">
          <ExposureView exposure={contract.exposure} />
        </Part>
      </>
    );
  };

  return (
    <AsyncCard
      title={t('contractCard.title')}
      subheader={standing => standing.contract?.title}
      state={state}
      keepWhileReloading
    >
      {({ contract, reason }) =>
        contract ? (
          <>
            {refused.length > 0 && contract.entityRef === entityRef && (
              <Box mb={2} data-testid="contract-update-refused">
                <WarningPanel
                  severity="warning"
                  title={t('contractCard.updateRefused')}
                  defaultExpanded
                >
                  {refused.map(message => (
                    <Typography key={message} variant="body2" component="div">
                      {message}
                    </Typography>
                  ))}
                </WarningPanel>
              </Box>
            )}
            {terms(contract)}
          </>
        ) : (
          <Typography data-testid="contract-none">
            {reason
              ? t('contractCard.noContract', { reason })
              : t('contractCard.noContractPlain')}
          </Typography>
        )
      }
    </AsyncCard>
  );
}
