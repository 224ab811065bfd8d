import { act, renderHook } from '@testing-library/react';
import { useSubmit } from './forms';

/** A promise and the functions that settle it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useSubmit', () => {
  it('is busy while the call runs, then passes its result on', async () => {
    const onFailure = jest.fn();
    const then = jest.fn();
    const call = deferred<string>();
    const { result } = renderHook(() => useSubmit(onFailure));
    expect(result.current.busy).toBe(false);

    let done: Promise<boolean> | undefined;
    act(() => {
      done = result.current.submit(() => call.promise, then);
    });
    expect(result.current.busy).toBe(true);
    expect(then).not.toHaveBeenCalled();

    await act(async () => {
      call.resolve('saved');
      await expect(done).resolves.toBe(true);
    });
    expect(result.current.busy).toBe(false);
    expect(then).toHaveBeenCalledWith('saved');
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('passes a failure to onFailure and not to then', async () => {
    const onFailure = jest.fn();
    const then = jest.fn();
    const error = new Error('window: 2026-10-01 is 国庆节');
    const { result } = renderHook(() => useSubmit(onFailure));

    await act(async () => {
      await expect(
        result.current.submit(() => Promise.reject(error), then),
      ).resolves.toBe(false);
    });
    expect(result.current.busy).toBe(false);
    expect(onFailure).toHaveBeenCalledWith(error);
    expect(then).not.toHaveBeenCalled();
  });
});
