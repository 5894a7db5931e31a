import { setTimeout as sleep } from 'node:timers/promises';
import type { CostEvent } from '@switchyard/core';
import { expect } from 'vitest';

/** Collects the gateway's cost events (`onCost: recorder.listener`) for assertions per request. */
export class CostRecorder {
  readonly events: CostEvent[] = [];
  readonly listener = (event: CostEvent): void => {
    this.events.push(event);
  };

  /**
   * Every event of one request, once at least one arrived; waits a little longer afterwards, so
   * that a second event for the same request (a bug) would be caught.
   */
  async eventsFor(requestId: string | null): Promise<CostEvent[]> {
    expect(requestId).toBeTruthy();
    const matching = () => this.events.filter((event) => event.requestId === requestId);
    await expect.poll(() => matching().length, { timeout: 3_000 }).toBeGreaterThan(0);
    await sleep(60);
    return matching();
  }

  /** The single event of one request (fails when there are none or several). */
  async eventFor(requestId: string | null): Promise<CostEvent> {
    const events = await this.eventsFor(requestId);
    expect(events).toHaveLength(1);
    return events[0]!;
  }
}
