'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

/** `GET /api/v1/oauth/interactions/{uid}`: what an MCP client asks the signed-in person to allow. */
export interface ConsentRequest {
  uid: string;
  client: {
    id: string;
    /** The client's own claim about its name: shown as such, never trusted. */
    name: string | null;
    kind: 'metadata_document' | 'registered';
    host: string | null;
    redirect_uri: string;
    redirect_host: string;
  };
  server: {
    id: string;
    name: string;
    workspace_id: string;
    workspace_name: string | null;
    space_ids: string[];
    methods: string[];
    tool_groups: string[];
    resource: string;
  };
  signed_in_as: { id: string; email: string; name: string };
  allowed: boolean;
  refusal: string | null;
  expires_at: string;
}

export type ConsentDecision = 'allow' | 'deny';

const path = (uid: string) => `/api/v1/oauth/interactions/${encodeURIComponent(uid)}`;

export const consentKeys = {
  all: ['oauth-consent'] as const,
  request: (uid: string) => [...consentKeys.all, uid] as const,
};

export function useConsentRequest(uid: string) {
  return useQuery({
    queryKey: consentKeys.request(uid),
    queryFn: ({ signal }) => apiFetch<ConsentRequest>(path(uid), { signal }),
    retry: false,
  });
}

/** Sends the decision; the answer says where the browser goes next (the authorization server, then the client). */
export function useConsentDecision(uid: string) {
  return useMutation({
    mutationFn: (decision: ConsentDecision) =>
      apiFetch<{ redirect_to: string }>(path(uid), { method: 'POST', body: { decision } }),
    onSuccess: ({ redirect_to }) => window.location.assign(redirect_to),
  });
}
