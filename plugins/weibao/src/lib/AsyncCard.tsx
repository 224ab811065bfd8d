import { ReactNode } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';

/** What `useAsync` / `useAsyncRetry` return, as far as a card needs it. */
export type AsyncCardState<T> = {
  loading: boolean;
  error?: Error;
  value?: T;
};

/**
 * Where one backend call stands for its view: loading (with nothing to show yet, or always
 * when the last value is not kept while reloading), failed, or there.
 */
function phaseOf<T>(
  state: AsyncCardState<T>,
  keepWhileReloading?: boolean,
): 'loading' | 'error' | 'value' {
  const reloading = keepWhileReloading && state.value !== undefined;
  if (state.loading && !reloading) return 'loading';
  return state.error ? 'error' : 'value';
}

/**
 * One backend call's result on a page or inside a card that draws its own frame: `Progress`
 * while it loads, `ResponseErrorPanel` when it fails, else what `children` makes of the value.
 */
export function AsyncContent<T>(props: {
  state: AsyncCardState<T>;
  /** Keeps showing the last value while reloading, so the view does not jump. */
  keepWhileReloading?: boolean;
  children: (value: T) => ReactNode;
}) {
  const { state } = props;
  switch (phaseOf(state, props.keepWhileReloading)) {
    case 'loading':
      return <Progress />;
    case 'error':
      return <ResponseErrorPanel error={state.error!} />;
    default:
      return <>{props.children(state.value as T)}</>;
  }
}

/**
 * An `InfoCard` around one backend call: `Progress` while it loads, `ResponseErrorPanel` when it
 * fails, else what `children` makes of the value.
 */
export function AsyncCard<T>(props: {
  title: ReactNode;
  /** The card's subheader once the value is there. */
  subheader?: (value: T) => ReactNode;
  state: AsyncCardState<T>;
  /** Keeps showing the last value while reloading, so the card does not jump. */
  keepWhileReloading?: boolean;
  children: (value: T) => ReactNode;
}) {
  const { title, state, keepWhileReloading } = props;
  const there = phaseOf(state, keepWhileReloading) === 'value';
  return (
    <InfoCard
      title={title}
      subheader={there ? props.subheader?.(state.value as T) : undefined}
    >
      <AsyncContent state={state} keepWhileReloading={keepWhileReloading}>
        {props.children}
      </AsyncContent>
    </InfoCard>
  );
}
