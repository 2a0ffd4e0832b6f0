import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, api, call } from '../../api/client';
import type { ScreeningRequest, ScreeningSuggestion } from '../../api/screening';

/** A value that settles `ms` after its last change (typing pauses). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * The live screening suggestion (POST /orders/screening) for what has been typed so far. Until
 * the API offers the route (404), `available` is false and the panel stays hidden.
 */
export function useScreening(request: ScreeningRequest) {
  const settled = useDebounced(request, 400);
  const [available, setAvailable] = useState(true);
  const query = useQuery({
    queryKey: ['screening', settled],
    enabled: available && settled.content.trim().length >= 4,
    retry: false,
    staleTime: 60_000,
    placeholderData: (previous) => previous,
    queryFn: () =>
      call(
        // Not yet in the committed OpenAPI document: typed in api/screening.ts.
        (
          api.POST as unknown as (
            path: string,
            init: { body: ScreeningRequest },
          ) => Promise<{ data?: ScreeningSuggestion; error?: unknown; response: Response }>
        )('/orders/screening', { body: settled }),
      ),
  });
  useEffect(() => {
    if (query.error instanceof ApiError && query.error.status === 404) setAvailable(false);
  }, [query.error]);
  return { ...query, available };
}
