import type { Clock } from "@poke-ventory/runtime";

/** A clock that only moves when told to (tests, and anything replaying time). */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date = new Date("2025-01-01T00:00:00Z")) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
