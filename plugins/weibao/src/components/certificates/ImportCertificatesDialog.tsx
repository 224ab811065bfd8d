import { useState } from 'react';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CERTIFICATE_CSV_COLUMNS,
  CERTIFICATE_CSV_OPTIONAL_COLUMNS,
  type CertificateImportResult,
} from '@weibao/plugin-weibao-common';
import { weibaoApiRef } from '../../api';
import { useWeibaoFormat } from '../../lib/format';
import { backendMessage, FormDialog, useSubmit } from '../../lib/forms';
import { weibaoTranslationRef } from '../../translation';

/** The text of a chosen file, read as UTF-8. */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, 'utf-8');
  });
}

/**
 * Imports a certificate register CSV (证书台账) into a CA system: a file or pasted text. Shows
 * how many rows were imported and each rejected row with its line, field and reason; a refused
 * file (400: wrong header, nothing importable) shows the backend's message and that nothing
 * was written. `onImported` runs after rows were written.
 */
export function ImportCertificatesDialog(props: {
  systemRef: string;
  onClose: () => void;
  onImported: (result: CertificateImportResult) => void;
}) {
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const [csv, setCsv] = useState('');
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [result, setResult] = useState<CertificateImportResult | undefined>();
  const { busy, submit: send } = useSubmit(e => setFailure(backendMessage(e)));

  const chooseFile = async (file: File | undefined) => {
    if (!file) return;
    setCsv(await readText(file));
    setMissing(false);
    setResult(undefined);
    setFailure(undefined);
  };

  const submit = async () => {
    setFailure(undefined);
    setResult(undefined);
    if (!csv.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    await send(
      () => api.importCertificates(props.systemRef, csv),
      imported => {
        setResult(imported);
        if (imported.imported > 0) props.onImported(imported);
      },
    );
  };

  return (
    <FormDialog
      open
      title={t('certificates.importForm.title')}
      submitLabel={t('certificates.importForm.submit')}
      cancelLabel={
        result
          ? t('certificates.importForm.close')
          : t('certificates.importForm.cancel')
      }
      busy={busy}
      submitDisabled={Boolean(result?.imported)}
      onClose={props.onClose}
      onSubmit={submit}
      testId="import-certificates-dialog"
      maxWidth="md"
    >
      <Typography variant="body2">
        {t('certificates.importForm.header')}
      </Typography>
      <Box
        component="pre"
        my={1}
        p={1}
        bgcolor="action.hover"
        style={{ overflowX: 'auto' }}
        data-testid="certificate-csv-header"
      >
        {[...CERTIFICATE_CSV_COLUMNS, ...CERTIFICATE_CSV_OPTIONAL_COLUMNS].join(
          ',',
        )}
      </Box>
      <Typography variant="body2" data-testid="certificate-csv-optional">
        {t('certificates.importForm.optional')}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {t('certificates.importForm.example')}{' '}
        <code>{t('certificates.importForm.exampleRow')}</code>
      </Typography>
      <Box mt={2}>
        <TextField
          id="import-certificates-file"
          label={t('certificates.importForm.file')}
          type="file"
          inputProps={{ accept: '.csv,text/csv,text/plain' }}
          InputLabelProps={{ shrink: true }}
          onChange={e =>
            chooseFile((e.target as HTMLInputElement).files?.[0] ?? undefined)
          }
          fullWidth
          margin="dense"
        />
      </Box>
      <TextField
        id="import-certificates-text"
        label={t('certificates.importForm.text')}
        value={csv}
        onChange={e => {
          setCsv(e.target.value);
          setMissing(false);
          setResult(undefined);
        }}
        multiline
        minRows={6}
        maxRows={16}
        fullWidth
        margin="dense"
        variant="outlined"
        error={missing}
        helperText={missing ? t('certificates.importForm.required') : undefined}
        inputProps={{ style: { fontFamily: 'monospace' } }}
      />
      {failure && (
        <Box role="alert" mt={2} data-testid="import-failure">
          <Typography color="error">{failure}</Typography>
          <Typography color="error">
            {t('certificates.importForm.nothingWritten')}
          </Typography>
        </Box>
      )}
      {result && (
        <Box mt={2} data-testid="import-result">
          <Typography>
            {result.alreadyImported
              ? t('certificates.importForm.alreadyImported', {
                  at: format.instant(result.alreadyImported.importedAt),
                  by: result.alreadyImported.importedBy,
                  batches: `${result.alreadyImported.batches}`,
                })
              : t('certificates.importForm.imported', {
                  rows: `${result.imported}`,
                })}
          </Typography>
          {result.errors.length > 0 && (
            <>
              <Typography color="error">
                {t('certificates.importForm.rejected', {
                  rows: `${new Set(result.errors.map(e => e.line)).size}`,
                })}
              </Typography>
              <Table size="small" data-testid="import-errors">
                <TableHead>
                  <TableRow>
                    <TableCell>
                      {t('certificates.importForm.columns.line')}
                    </TableCell>
                    <TableCell>
                      {t('certificates.importForm.columns.field')}
                    </TableCell>
                    <TableCell>
                      {t('certificates.importForm.columns.reason')}
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {result.errors.map((e, i) => (
                    <TableRow key={i}>
                      <TableCell>{e.line}</TableCell>
                      <TableCell>{e.field}</TableCell>
                      <TableCell>{e.reason}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </Box>
      )}
    </FormDialog>
  );
}
