import { useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, InfoCard } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import type { CertificateBatch } from '@weibao/plugin-weibao-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { weibaoApiRef } from '../../api';
import { AsyncContent } from '../../lib/AsyncCard';
import { weibaoTranslationRef } from '../../translation';
import { CertificateBatchesTable } from './CertificateBatchesTable';
import { CertificateTotalsCard } from './CertificateTotalsCard';
import { ImportCertificatesDialog } from './ImportCertificatesDialog';
import { RetireBatchDialog } from './RetireBatchDialog';

/** The system type of a CA system (CA 数字认证系统). */
const CA_TYPE = 'ca';

/**
 * The certificate register (证书台账) tab of a CA system (a Component typed `ca`): totals per
 * item and medium against the contract's minimums with the shortfall highlighted, the batches
 * with expiring and expired ones marked, `Import CSV`, and `Retire` per batch. One backend call.
 *
 * @public
 */
export function EntityCertificatesContent() {
  const { entity } = useEntity();
  const { t } = useTranslationRef(weibaoTranslationRef);
  const type = entity.spec?.type;
  if (type !== CA_TYPE) {
    return (
      <EmptyState
        missing="info"
        title={t('certificates.notCa.title')}
        description={t('certificates.notCa.description', {
          type: String(type ?? '—'),
        })}
      />
    );
  }
  return <CertificateRegisterContent systemRef={stringifyEntityRef(entity)} />;
}

function CertificateRegisterContent(props: { systemRef: string }) {
  const { systemRef } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const [importing, setImporting] = useState(false);
  const [retiring, setRetiring] = useState<CertificateBatch | undefined>();
  const state = useAsyncRetry(
    () => api.getCertificateRegister(systemRef),
    [api, systemRef],
  );
  const { retry } = state;

  return (
    <AsyncContent state={state} keepWhileReloading>
      {register => (
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <CertificateTotalsCard register={register} />
          </Grid>
          <Grid item xs={12}>
            <InfoCard
              title={t('certificates.batchesTitle')}
              noPadding
              action={
                <Button
                  color="primary"
                  variant="outlined"
                  onClick={() => setImporting(true)}
                >
                  {t('certificates.importCsv')}
                </Button>
              }
            >
              <CertificateBatchesTable
                register={register}
                onRetire={setRetiring}
              />
            </InfoCard>
          </Grid>
          {importing && (
            <ImportCertificatesDialog
              systemRef={systemRef}
              onClose={() => setImporting(false)}
              onImported={retry}
            />
          )}
          {retiring && (
            <RetireBatchDialog
              batch={retiring}
              onClose={() => setRetiring(undefined)}
              onRetired={() => {
                setRetiring(undefined);
                retry();
              }}
            />
          )}
        </Grid>
      )}
    </AsyncContent>
  );
}
