/** The one source of "now": months, session expiry and throttling all read it, so tests can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move; for tests and benchmarks. */
export class ManualClock implements Clock {
  private instant: number;
  constructor(start: Date | string) {
    this.instant = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.instant);
  }
  set(to: Date | string): void {
    this.instant = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.instant += ms;
  }
}

/** A clock that starts at `start` and runs on at real speed (config TEST_CLOCK_START, for the e2e). */
export function runningClock(start: string): Clock {
  const offset = new Date(start).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
