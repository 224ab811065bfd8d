import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  ClockTarget,
  MaintenanceContractSpec,
  PenaltyExposure,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useWeibaoFormat } from '../../lib/format';
import { FlagChip } from '../../lib/StateChip';
import { incidentRouteRef } from '../../routes';
import { weibaoTranslationRef } from '../../translation';

function HeadRow(props: { cells: string[] }) {
  return (
    <TableHead>
      <TableRow>
        {props.cells.map(cell => (
          <TableCell key={cell}>{cell}</TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}

/** A part of the contract card: a heading and its content. */
export function Part(props: {
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Box mt={3} data-testid={props.testId}>
      <Typography variant="subtitle1">{props.title}</Typography>
      {props.children}
    </Box>
  );
}

/** The severity matrix at a glance: each level, its name and its clocks. */
export function SeverityMatrix(props: { spec: MaintenanceContractSpec }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const clockText = (clock: ClockTarget) =>
    `${t('contractCard.clockTarget', {
      milestone: t(`milestones.${clock.milestone}`),
      amount: `${clock.target.amount}`,
      unit: t(`contractCard.units.${clock.target.unit}`),
      calendar: clock.calendar,
    })}${clock.agreedTimeAllowed ? `, ${t('contractCard.agreedTime')}` : ''}`;
  return (
    <Table size="small">
      <HeadRow
        cells={[
          t('contractCard.matrixColumns.level'),
          t('contractCard.matrixColumns.name'),
          t('contractCard.matrixColumns.clocks'),
        ]}
      />
      <TableBody>
        {props.spec.severityLevels.map(level => (
          <TableRow key={level.level} data-testid="contract-level">
            <TableCell>{level.level}</TableCell>
            <TableCell title={level.definition}>{level.name}</TableCell>
            <TableCell>
              {level.clocks.map(clock => (
                <Box key={clock.milestone}>{clockText(clock)}</Box>
              ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Payment milestones: percent, what triggers it, within how long, and whether it waits for acceptance. */
export function PaymentMilestones(props: { spec: MaintenanceContractSpec }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const payments = props.spec.payments ?? [];
  if (!payments.length) {
    return <Typography>{t('contractCard.noPayments')}</Typography>;
  }
  return (
    <>
      {payments.map((p, i) => {
        const terms = [
          p.trigger === 'months-after-start'
            ? t('contractCard.paymentMonths', { months: `${p.months ?? 0}` })
            : t('contractCard.paymentLine', {
                percent: `${p.percent}`,
                trigger: t(`contractCard.triggers.${p.trigger}`),
              }),
          p.withinDays !== undefined &&
            t('contractCard.paymentWithin', { days: `${p.withinDays}` }),
          p.requiresAcceptance && t('contractCard.paymentAcceptance'),
        ].filter(Boolean);
        return (
          <Box key={i} mb={1} data-testid="contract-payment">
            <Typography variant="body2">
              {p.trigger === 'months-after-start' ? `${p.percent}% · ` : ''}
              {terms.join(', ')}
            </Typography>
            {p.description && (
              <Typography variant="caption">{p.description}</Typography>
            )}
          </Box>
        );
      })}
    </>
  );
}

/** Penalty rules: on what, per day as a percent of the value or a fixed amount, and the cap. */
export function PenaltyRules(props: { spec: MaintenanceContractSpec }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const { penalties = [], value } = props.spec;
  if (!penalties.length) {
    return <Typography>{t('contractCard.noPenalties')}</Typography>;
  }
  return (
    <>
      {penalties.map((rule, i) => {
        const terms = [
          rule.percentOfValuePerDay !== undefined &&
            t('contractCard.penaltyPercent', {
              percent: `${rule.percentOfValuePerDay}`,
            }),
          rule.fixedAmountPerDay !== undefined &&
            t('contractCard.penaltyFixed', {
              amount: format.money(rule.fixedAmountPerDay, value.currency),
            }),
          rule.capPercentOfValue !== undefined &&
            t('contractCard.penaltyCap', {
              percent: `${rule.capPercentOfValue}`,
            }),
        ].filter(Boolean);
        return (
          <Box key={i} mb={1} data-testid="contract-penalty">
            <Typography variant="body2">
              {`${t(`contractCard.penaltyOn.${rule.on}`)}: ${terms.join(', ')}`}
            </Typography>
            {rule.description && (
              <Typography variant="caption">{rule.description}</Typography>
            )}
          </Box>
        );
      })}
    </>
  );
}

/** One figure of the exposure: the value large, what it is below. */
function Figure(props: { testId: string; value: string; label: string }) {
  return (
    <Box>
      <Typography variant="h6" data-testid={props.testId}>
        {props.value}
      </Typography>
      <Typography variant="caption">{props.label}</Typography>
    </Box>
  );
}

/** The penalty exposure so far: the amount after the cap, the cap, and each breach counted. */
export function ExposureView(props: { exposure: PenaltyExposure }) {
  const { exposure } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const incidentLink = useRouteRef(incidentRouteRef);
  const money = (amount: number) => format.money(amount, exposure.currency);
  return (
    <>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 24 }}
      >
        <Figure
          testId="contract-exposure-amount"
          value={money(exposure.amount)}
          label={t('contractCard.exposureAmount')}
        />
        {exposure.uncappedAmount !== exposure.amount && (
          <Figure
            testId="contract-exposure-uncapped"
            value={money(exposure.uncappedAmount)}
            label={t('contractCard.exposureUncapped')}
          />
        )}
        <Figure
          testId="contract-exposure-cap"
          value={
            exposure.capAmount === null
              ? t('contractCard.noCap')
              : money(exposure.capAmount)
          }
          label={t('contractCard.exposureCap')}
        />
        <FlagChip
          on={exposure.capped}
          color="secondary"
          labels={[t('contractCard.cappedYes'), t('contractCard.cappedNo')]}
          data-capped={`${exposure.capped}`}
          data-testid="contract-exposure-capped"
        />
      </Box>
      {exposure.breaches.length === 0 ? (
        <Typography>{t('contractCard.noBreaches')}</Typography>
      ) : (
        <Table size="small">
          <HeadRow
            cells={(
              [
                'incident',
                'milestone',
                'due',
                'met',
                'daysLate',
                'amount',
              ] as const
            ).map(c => t(`contractCard.breachColumns.${c}`))}
          />
          <TableBody>
            {exposure.breaches.map(b => (
              <TableRow
                key={`${b.incidentId}/${b.milestone}`}
                data-testid="contract-breach"
              >
                <TableCell>
                  <Link to={incidentLink({ id: b.incidentId })}>{b.title}</Link>
                </TableCell>
                <TableCell>{t(`milestones.${b.milestone}`)}</TableCell>
                <TableCell>{format.instant(b.dueAt)}</TableCell>
                <TableCell>
                  {b.metAt
                    ? format.instant(b.metAt)
                    : t('contractCard.stillLate')}
                </TableCell>
                <TableCell>{b.daysLate}</TableCell>
                <TableCell>{money(b.amount)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
