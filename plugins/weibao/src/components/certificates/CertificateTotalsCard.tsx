import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  CertificateCounts,
  CertificateRegister,
} from '@weibao/plugin-weibao-common';
import { useWeibaoFormat } from '../../lib/format';
import { StateChip } from '../../lib/StateChip';
import { weibaoTranslationRef } from '../../translation';

const COUNTS: ReadonlyArray<keyof CertificateCounts> = [
  'personalCertificates',
  'usbKeys',
  'electronicSeals',
];

const useStyles = makeStyles(theme => ({
  short: { color: theme.palette.error.main },
}));

/**
 * The register's three counts against the contract's minimums (证书 494, USB Key 21, 电子印章 8
 * in the example contract), each on its own with its shortfall in red: personal certificates and
 * seals by what the batches hold, USB keys as the keys the batches on USB keys state (never their
 * certificates), with the certificates on USB keys whose keys were not stated said apart. Each
 * figure carries `data-testid="certificate-count-<key>"` and `data-shortfall`.
 */
export function CertificateTotalsCard(props: {
  register: CertificateRegister;
}) {
  const { register } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const date = format.date(register.today);
  return (
    <InfoCard
      title={t('certificates.totalsTitle')}
      subheader={
        register.contractRef
          ? t('certificates.minimumsFrom', {
              contract: register.contractRef,
              date,
            })
          : t('certificates.noContract', { date })
      }
    >
      <Box display="flex" flexWrap="wrap" style={{ gap: 32 }}>
        {COUNTS.map(key => {
          const short = register.shortfall[key];
          return (
            <Box
              key={key}
              data-testid={`certificate-count-${key}`}
              data-shortfall={short}
            >
              <Typography
                variant="h5"
                className={short > 0 ? classes.short : undefined}
              >
                {t('certificates.countFigures', {
                  total: `${register.totals[key]}`,
                  minimum: `${register.minimums[key]}`,
                })}
              </Typography>
              <Typography variant="body2">
                {t(`certificates.counts.${key}`)}
              </Typography>
              <StateChip
                tone={short > 0 ? 'danger' : 'success'}
                label={
                  short > 0
                    ? t('certificates.shortfall', { missing: `${short}` })
                    : t('certificates.meetsMinimum')
                }
              />
            </Box>
          );
        })}
      </Box>
      {register.withoutKeyCount > 0 ? (
        <Box mt={2}>
          <Typography
            variant="body2"
            className={classes.short}
            data-testid="certificate-without-key-count"
          >
            {t('certificates.withoutKeyCount', {
              certificates: `${register.withoutKeyCount}`,
            })}
          </Typography>
        </Box>
      ) : null}
      <Typography variant="caption" color="textSecondary">
        {t('certificates.countsHint')}
      </Typography>
    </InfoCard>
  );
}
