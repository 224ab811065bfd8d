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
  const { title, state } = props;
  const reloading = props.keepWhileReloading && state.value !== undefined;
  if (state.loading && !reloading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (state.error) {
    return (
      <InfoCard title={title}>
        <ResponseErrorPanel error={state.error} />
      </InfoCard>
    );
  }
  const value = state.value as T;
  return (
    <InfoCard title={title} subheader={props.subheader?.(value)}>
      {props.children(value)}
    </InfoCard>
  );
}
