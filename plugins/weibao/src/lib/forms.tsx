import { ReactNode, useCallback, useState } from 'react';
import { ResponseError } from '@backstage/errors';

export { FormDialog } from './FormDialog';
export { hospitalInstant, hospitalLocal } from './hospitalTime';

/**
 * Form helpers shared by Weibao's dialogs: the backend's message of a failed call and the field
 * it names, per-field errors, the call's busy state, and parsers of typed text. The dialog frame
 * (FormDialog), hospital-time values (hospitalTime) and bound inputs (formFields) live beside
 * this file; the first two are re-exported here.
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
