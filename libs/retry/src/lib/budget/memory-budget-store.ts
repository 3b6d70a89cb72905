import type { BudgetStore } from './budget-store';
import {
  initialWindow,
  lease,
  observe,
  type Lease,
  type RateObservation,
  type WindowState,
} from './rate-window';

/** The budget of this process alone: the fallback while the shared store is unreachable, and the unit tests' store. */
export class MemoryBudgetStore implements BudgetStore {
  private readonly windows = new Map<string, WindowState>();

  constructor(private readonly defaultLimit?: number) {}

  async lease(
    fingerprint: string,
    want: number,
    observation: RateObservation | null,
    now: number,
  ): Promise<Lease> {
    let state = this.windows.get(fingerprint) ?? initialWindow(this.defaultLimit);
    if (observation) state = observe(state, observation);
    const result = lease(state, want, now);
    this.windows.set(fingerprint, result.state);
    return result.lease;
  }

  async observe(fingerprint: string, observation: RateObservation): Promise<void> {
    const state = this.windows.get(fingerprint) ?? initialWindow(this.defaultLimit);
    this.windows.set(fingerprint, observe(state, observation));
  }
}
