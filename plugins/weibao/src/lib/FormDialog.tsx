import { ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';

/** A dialog with a form: its inputs, a general error, Cancel and the submit button. */
export function FormDialog(props: {
  open: boolean;
  title: ReactNode;
  submitLabel: string;
  cancelLabel: string;
  busy?: boolean;
  /** Keeps the submit button off, e.g. until the input changes after a submit. */
  submitDisabled?: boolean;
  general?: string;
  onClose: () => void;
  onSubmit: () => void;
  testId?: string;
  maxWidth?: 'xs' | 'sm' | 'md' | 'lg';
  children: ReactNode;
}) {
  const titleId = `${props.testId ?? 'weibao-form'}-title`;
  return (
    <Dialog
      open={props.open}
      onClose={props.busy ? undefined : props.onClose}
      fullWidth
      maxWidth={props.maxWidth ?? 'sm'}
      aria-labelledby={titleId}
      data-testid={props.testId}
    >
      <form
        noValidate
        onSubmit={e => {
          e.preventDefault();
          if (!props.busy && !props.submitDisabled) props.onSubmit();
        }}
      >
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          {props.general && (
            <Typography
              role="alert"
              color="error"
              gutterBottom
              data-testid="form-error"
            >
              {props.general}
            </Typography>
          )}
          {props.children}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} disabled={props.busy}>
            {props.cancelLabel}
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={props.busy || props.submitDisabled}
          >
            {props.busy ? <CircularProgress size={18} /> : props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
