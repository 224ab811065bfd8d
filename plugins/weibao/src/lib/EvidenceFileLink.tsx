import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type { EvidenceFileSummary } from '@weibao/plugin-weibao-common';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { weibaoApiRef } from '../api';
import { backendMessage } from './forms';

/**
 * An evidence file of a completion, by its name; clicking fetches it with the user's
 * credentials (the backend serves it only to those who may read the duty) and opens it.
 */
export function EvidenceFileLink(props: { file: EvidenceFileSummary }) {
  const { file } = props;
  const api = useApi(weibaoApiRef);
  const [error, setError] = useState<string | undefined>();
  const open = async () => {
    setError(undefined);
    try {
      const blob = await api.downloadEvidenceFile(file.id);
      const url = URL.createObjectURL(blob);
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(backendMessage(e));
    }
  };
  return (
    <Typography variant="body2" component="span" data-testid="evidence-file">
      <Link component="button" variant="body2" onClick={open}>
        {file.name}
      </Link>
      {error && (
        <Typography variant="caption" color="error" component="span">
          {' '}
          {error}
        </Typography>
      )}
    </Typography>
  );
}
