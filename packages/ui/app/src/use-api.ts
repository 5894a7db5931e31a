import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type RequestOptions } from './api.ts';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  /** Loads again (after a change); the previous data stays on screen meanwhile. */
  reload(): void;
}

/** GETs `path` when it (or `query`) changes; an older answer never overwrites a newer one. */
export function useApi<T>(path: string | undefined, options: RequestOptions = {}, refreshMs?: number): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(path !== undefined);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify(options.query ?? {});
  useEffect(() => {
    if (path === undefined) return;
    const controller = new AbortController();
    const ticket = ++latest.current;
    setLoading(true);
    api<T>(path, { ...options, signal: controller.signal })
      .then((answer) => {
        if (ticket !== latest.current) return;
        setData(answer);
        setError(undefined);
      })
      .catch((reason: unknown) => {
        if (ticket !== latest.current || (reason as Error).name === 'AbortError') return;
        setError(reason instanceof ApiError ? reason : new ApiError(0, String(reason), null, null));
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false);
      });
    return () => controller.abort();
  }, [path, key, tick]);
  useEffect(() => {
    if (refreshMs === undefined) return;
    const timer = setInterval(() => setTick((value) => value + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);
  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { data, error, loading, reload };
}
