export type PauseScope = 'organization' | 'team' | 'connection';
export type QueuedOnResume = 'resume' | 'discard';

export interface PausePerson {
  user_id: string | null;
  email: string | null;
}

/** `GET /api/v1/pauses`: a pause of MCP access, in force while `resumed_at` is null. */
export interface Pause {
  id: string;
  scope: PauseScope;
  target: { id: string; name: string | null };
  reason: string;
  created_by: PausePerson;
  created_at: string;
  resumed_at: string | null;
  resumed_by: PausePerson | null;
  resume_reason: string | null;
  /** The queued calls of its scope: held while it lasts, then resumed or discarded. */
  queued: 'held' | 'resumed' | 'discarded';
}

/** `POST /api/v1/pauses`; `id` names the team or connection (omitted for the organization). */
export interface PauseInput {
  scope: PauseScope;
  id?: string;
  reason: string;
}

/** `DELETE /api/v1/pauses/{id}`. */
export interface ResumeInput {
  reason: string;
  queued: QueuedOnResume;
}

/** The longest reason the api takes. */
export const REASON_MAX_LENGTH = 500;
