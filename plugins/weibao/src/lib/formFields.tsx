import { ReactNode, useCallback, useRef, useState } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import { useFormErrors, useSubmit } from './forms';

/** The props of a `datetime-local` input: its label stays above the browser's picker. */
export const DATE_TIME_INPUT = {
  type: 'datetime-local',
  InputLabelProps: { shrink: true },
} as const;

/** One choice of a select input. */
export type Choice = { value: string; label: ReactNode; disabled?: boolean };

/**
 * The children of a select input: `<option>`s for a native select (`native`), else `MenuItem`s.
 */
export function choiceItems(choices: readonly Choice[], native = false) {
  return choices.map(c =>
    native ? (
      <option key={c.value} value={c.value} disabled={c.disabled}>
        {c.label}
      </option>
    ) : (
      <MenuItem key={c.value} value={c.value} disabled={c.disabled}>
        {c.label}
      </MenuItem>
    ),
  );
}

/** The props of one bound input: any TextField prop, and a hint shown while it has no error. */
export type FieldProps = Partial<TextFieldProps> & { hint?: ReactNode };

/**
 * A dialog's form in one hook: its values (one string per input), each input's errors and a
 * general one (`useFormErrors`), the call to the backend (`send`, `busy`, as `useSubmit`), the
 * props `FormDialog` takes of them (`dialog`), and `field(key, props)`: a TextField bound to an
 * input, with the id `<idPrefix>-<key>`, its value, its error or hint. `reset()` brings back the
 * initial values and clears the errors (a dialog that stays mounted, when it opens).
 *
 * `onFailure` sees a failed call first; it shows the error next to its input with `show`.
 */
export function useDialogForm<K extends string, V extends K = K>(options: {
  inputs: Record<K, readonly string[]>;
  initial: () => Record<V, string>;
  idPrefix: string;
  onFailure?: (error: unknown, show: (error: unknown) => void) => void;
}) {
  const { inputs, initial, idPrefix, onFailure } = options;
  const [values, setValues] = useState<Record<V, string>>(initial);
  const errors = useFormErrors(inputs);
  const { busy, submit: send } = useSubmit(error =>
    onFailure
      ? onFailure(error, errors.fromBackend)
      : errors.fromBackend(error),
  );
  const { clear } = errors;
  const set = useCallback(
    (key: V, value: string) => setValues(v => ({ ...v, [key]: value })),
    [],
  );
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const reset = useCallback(() => {
    setValues(initialRef.current());
    clear();
  }, [clear]);
  const field = (key: V, props: FieldProps = {}) => {
    const { hint, ...rest } = props;
    return (
      <TextField
        key={key}
        id={`${idPrefix}-${key}`}
        value={values[key] ?? ''}
        onChange={e => set(key, String(e.target.value))}
        fullWidth
        margin="dense"
        {...errors.at(key, hint)}
        {...rest}
      />
    );
  };
  return {
    ...errors,
    values,
    set,
    reset,
    busy,
    send,
    dialog: { busy, general: errors.general },
    field,
  };
}
