import { ReactNode, useCallback, useState } from 'react';
import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';

/**
 * Form helpers shared by Weibao's dialogs: the backend's message of a failed call and the field
 * it names, per-field errors, a dialog frame, and `datetime-local` values in hospital time.
 */

/** The backend's own message (a ResponseError's cause), else the error's message. */
export function backendMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.cause?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The HTTP status of a failed call, when it came from the backend. */
export function backendStatus(error: unknown): number | undefined {
  return error instanceof ResponseError ? error.statusCode : undefined;
}

/**
 * The field a backend message names, dotted with indices as `.n`: `window.start: …` (the
 * services' wording), `request/body/window/start must …` or
 * `request/body/hospitalContact must have required property 'name'` (the OpenAPI validator's).
 */
export function fieldNamedBy(message: string): string | undefined {
  const required =
    /^request\/body((?:\/[\w-]+)*) must have required property '([\w-]+)'/.exec(
      message,
    );
  if (required) {
    return [...required[1].split('/').filter(Boolean), required[2]].join('.');
  }
  const validator = /^request\/body\/([\w/-]+)/.exec(message);
  if (validator) return validator[1].split('/').join('.');
  const service = /^([A-Za-z_][\w.[\]-]*): /.exec(message);
  if (service) return service[1].replace(/\[(\d+)\]/g, '.$1');
  return undefined;
}

/**
 * Which of a form's inputs shows an error about `field`: the one showing the most specific
 * backend name equal to it or a parent of it (`window.start` before `window`).
 */
export function claimingInput<K extends string>(
  field: string | undefined,
  inputs: Record<K, readonly string[]>,
): K | undefined {
  if (!field) return undefined;
  let best: { key: K; length: number } | undefined;
  for (const key of Object.keys(inputs) as K[]) {
    for (const name of inputs[key]) {
      const claims = field === name || field.startsWith(`${name}.`);
      if (claims && (!best || name.length > best.length)) {
        best = { key, length: name.length };
      }
    }
  }
  return best?.key;
}

/**
 * Errors of a form: each input's (from local checks, or the backend's message naming a field it
 * shows) and a general one (a message naming no input of the form, e.g. a 409).
 */
export function useFormErrors<K extends string>(
  inputs: Record<K, readonly string[]>,
) {
  const [errors, setErrors] = useState<Partial<Record<K, string>>>({});
  const [general, setGeneral] = useState<string | undefined>();
  const clear = useCallback(() => {
    setErrors({});
    setGeneral(undefined);
  }, []);
  const fromBackend = (error: unknown) => {
    const message = backendMessage(error);
    const key = claimingInput(fieldNamedBy(message), inputs);
    if (key) {
      setErrors({ [key]: message } as Partial<Record<K, string>>);
      setGeneral(undefined);
    } else {
      setErrors({});
      setGeneral(message);
    }
  };
  /** Local problems; true when there are none. */
  const check = (problems: Partial<Record<K, string | undefined>>) => {
    const found = Object.fromEntries(
      Object.entries(problems).filter(([, v]) => Boolean(v)),
    ) as Partial<Record<K, string>>;
    setErrors(found);
    setGeneral(undefined);
    return Object.keys(found).length === 0;
  };
  /** TextField props for an input: `error` and the message, else the hint. */
  const at = (key: K, hint?: ReactNode) => ({
    error: Boolean(errors[key]),
    helperText: errors[key] ?? hint,
  });
  return { errors, general, clear, fromBackend, check, at };
}

/**
 * A form's call to the backend: `busy` while it runs. `submit(run, then)` runs the call; on
 * success clears `busy` and passes the result to `then`, on failure clears `busy` and passes the
 * error to `onFailure` (usually `useFormErrors(…).fromBackend`). Resolves whether it succeeded.
 */
export function useSubmit(onFailure: (error: unknown) => void) {
  const [busy, setBusy] = useState(false);
  async function submit<T>(
    run: () => Promise<T>,
    then?: (result: T) => void,
  ): Promise<boolean> {
    setBusy(true);
    let result: T;
    try {
      result = await run();
    } catch (error) {
      setBusy(false);
      onFailure(error);
      return false;
    }
    setBusy(false);
    then?.(result);
    return true;
  }
  return { busy, submit };
}

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

/** Year…second of an instant as the wall clock of a time zone shows it. */
function wallClock(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) =>
    Number(parts.find(p => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The zone's offset from UTC at an instant, in minutes. */
function offsetMinutes(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(
    w.year,
    w.month - 1,
    w.day,
    w.hour,
    w.minute,
    w.second,
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number) => `${Math.abs(n)}`.padStart(2, '0');

/**
 * A `datetime-local` value (`2026-11-21T09:30`), read as the hospital's wall clock, as the API
 * takes an instant: `2026-11-21T09:30:00+08:00`. Undefined when the value is not one.
 */
export function hospitalInstant(
  local: string,
  timeZone: string,
): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(wall)) return undefined;
  let offset = offsetMinutes(wall, timeZone);
  offset = offsetMinutes(wall - offset * 60_000, timeZone);
  const sign = offset < 0 ? '-' : '+';
  return `${local.trim()}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(
    offset % 60,
  )}`;
}

/** An instant as a `datetime-local` value on the hospital's wall clock. */
export function hospitalLocal(instant: string | number, timeZone: string) {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const w = wallClock(ms, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(
    w.minute,
  )}`;
}

/** Lines of a text area, trimmed, blank ones left out. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(s => s.trim())
    .filter(Boolean);
}

/** A whole number ≥ `min` typed into a field, else undefined. */
export function wholeNumber(text: string, min = 0): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min ? n : undefined;
}
