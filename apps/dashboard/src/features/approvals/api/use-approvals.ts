'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApprovalFilters } from './approval-filters';
import { decideApproval, fetchApproval, fetchApprovals, fetchApprovalSummary } from './approvals.api';
import { approvalKeys } from './approvals.keys';
import type { Approval } from './approvals.types';

/** The inbox, a page at a time; the first page follows new requests. */
export function useApprovals(filters: ApprovalFilters) {
  return useInfiniteQuery({
    queryKey: approvalKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchApprovals(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    refetchInterval: 5_000,
  });
}

/** The navigation's count of requests waiting for the signed-in person, kept fresh every few seconds. */
export function useApprovalSummary() {
  return useQuery({
    queryKey: approvalKeys.summary(),
    queryFn: ({ signal }) => fetchApprovalSummary(signal),
    refetchInterval: 5_000,
    retry: false,
  });
}

const SETTLED: Approval['state'][] = ['rejected', 'expired', 'executed'];

/** One request; followed closely until it settles, so an approver sees the call run and its outcome. */
export function useApproval(id: string) {
  return useQuery({
    queryKey: approvalKeys.detail(id),
    queryFn: ({ signal }) => fetchApproval(id, signal),
    refetchInterval: (query) =>
      query.state.data && SETTLED.includes(query.state.data.state) ? false : 2_000,
  });
}

/** Whether a job id is an approval this person may see (the audit view links it); no retries for a plain job. */
export function useApprovalLookup(id: string | null) {
  return useQuery({
    queryKey: approvalKeys.detail(id ?? ''),
    queryFn: ({ signal }) => fetchApproval(id as string, signal),
    enabled: Boolean(id),
    retry: false,
    staleTime: 60_000,
  });
}

export function useDecideApproval(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, body }: { decision: 'approve' | 'reject'; body: { comment?: string } }) =>
      decideApproval(id, decision, body),
    onSuccess: (approval) => {
      queryClient.setQueryData(approvalKeys.detail(id), approval);
      void queryClient.invalidateQueries({ queryKey: approvalKeys.all });
    },
  });
}
