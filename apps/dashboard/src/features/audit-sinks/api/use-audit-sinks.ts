'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  changeAuditSink,
  createAuditSink,
  fetchAuditSinks,
  removeAuditSink,
  testAuditSink,
} from './audit-sinks.api';
import { auditSinkKeys } from './audit-sinks.keys';
import type { AuditSinkChange, AuditSinkInput } from './audit-sinks.types';

/** The sinks with their lag: every 2 s while one is behind, failing or waiting for a test; every 15 s otherwise. */
export function useAuditSinks() {
  return useQuery({
    queryKey: auditSinkKeys.list(),
    queryFn: ({ signal }) => fetchAuditSinks(signal),
    refetchInterval: (query) =>
      query.state.data?.some(
        (s) =>
          s.state === 'failing' || s.state === 'catching_up' || (s.test.requested_at && !s.test.tested_at),
      )
        ? 2000
        : 15_000,
  });
}

export function useAuditSinkActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: auditSinkKeys.list() });
  return {
    create: useMutation({ mutationFn: (body: AuditSinkInput) => createAuditSink(body), onSuccess: refresh }),
    change: useMutation({
      mutationFn: ({ id, body }: { id: string; body: AuditSinkChange }) => changeAuditSink(id, body),
      onSuccess: refresh,
    }),
    test: useMutation({ mutationFn: (id: string) => testAuditSink(id), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => removeAuditSink(id), onSuccess: refresh }),
  };
}
