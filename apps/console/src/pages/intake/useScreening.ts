import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
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
 * The live screening suggestion (POST /orders/screening) for what has been typed so far: asked
 * once typing pauses and the content has at least 4 characters; the last answer stays shown
 * while the next is on its way.
 */
export function useScreening(request: ScreeningRequest) {
  const settled = useDebounced(request, 400);
  return useQuery({
    queryKey: ['screening', settled],
    enabled: settled.content.trim().length >= 4,
    retry: false,
    staleTime: 60_000,
    placeholderData: (previous) => previous,
    queryFn: async () =>
      (await call(api.POST('/orders/screening', { body: settled }))) as ScreeningSuggestion,
  });
}
