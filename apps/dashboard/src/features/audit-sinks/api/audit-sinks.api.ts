import { apiFetch } from '@/lib/api-client';
import type { AuditSink, AuditSinkChange, AuditSinkInput, SavedAuditSink } from './audit-sinks.types';

const BASE = '/api/v1/audit/sinks';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export const fetchAuditSinks = (signal?: AbortSignal) =>
  apiFetch<{ items: AuditSink[] }>(BASE, { signal }).then((body) => body.items);
export const createAuditSink = (body: AuditSinkInput) =>
  apiFetch<SavedAuditSink>(BASE, { method: 'POST', body });
export const changeAuditSink = (id: string, body: AuditSinkChange) =>
  apiFetch<SavedAuditSink>(one(id), { method: 'PATCH', body });
export const testAuditSink = (id: string) => apiFetch<AuditSink>(`${one(id)}/test`, { method: 'POST' });
export const removeAuditSink = (id: string) => apiFetch<void>(one(id), { method: 'DELETE' });
