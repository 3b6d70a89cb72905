import { apiFetch } from '@/lib/api-client';
import type { Pause, PauseInput, ResumeInput } from './pauses.types';

const BASE = '/api/v1/pauses';

export const fetchActivePauses = (signal?: AbortSignal) =>
  apiFetch<{ items: Pause[] }>(`${BASE}?active=true`, { signal }).then((page) => page.items);
export const createPause = (input: PauseInput) => apiFetch<Pause>(BASE, { method: 'POST', body: input });
export const resumePause = (id: string, input: ResumeInput) =>
  apiFetch<Pause>(`${BASE}/${encodeURIComponent(id)}`, { method: 'DELETE', body: input });
