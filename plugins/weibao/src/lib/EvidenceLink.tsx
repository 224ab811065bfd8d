import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { isSafeLink } from '@weibao/plugin-weibao-common';
import { weibaoTranslationRef } from '../translation';

/**
 * A link a user gave as evidence. Only http(s) and mailto links become an `href` (the backend
 * refuses others, but rows written before it did may hold `javascript:` or `data:` links): any
 * other is shown as text, marked as not opened.
 */
export function EvidenceLink(props: {
  url: string;
  title?: string | null;
  variant?: 'body2' | 'caption';
}) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const label = props.title || props.url;
  if (!isSafeLink(props.url)) {
    return (
      <Typography
        variant={props.variant ?? 'body2'}
        component="span"
        data-testid="unsafe-link"
      >
        {label} ({t('format.unsafeLink')})
      </Typography>
    );
  }
  return (
    <Link
      to={props.url}
      target="_blank"
      rel="noopener noreferrer"
      variant={props.variant}
    >
      {label}
    </Link>
  );
}
