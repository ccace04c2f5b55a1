/**
 * The emulator's clock. Record and product states are derived from it, so tests can run a
 * five-minute action in milliseconds by advancing it or by raising its speed.
 */
export interface EmulatorClockControls {
  now(): number;
  advance(ms: number): void;
  setSpeed(factor: number): void;
}

export class EmulatorClock implements EmulatorClockControls {
  private baseEmulatorMs: number;
  private baseRealMs: number;

  constructor(
    private speed = 1,
    private readonly realNow: () => number = Date.now,
  ) {
    checkSpeed(speed);
    this.baseRealMs = realNow();
    this.baseEmulatorMs = this.baseRealMs;
  }

  /** Whole epoch milliseconds, never going back. */
  now(): number {
    return Math.floor(this.baseEmulatorMs + (this.realNow() - this.baseRealMs) * this.speed);
  }

  get currentSpeed(): number {
    return this.speed;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite number >= 0, got ${ms}`);
    this.rebase();
    this.baseEmulatorMs += ms;
  }

  setSpeed(factor: number): void {
    checkSpeed(factor);
    this.rebase();
    this.speed = factor;
  }

  // Changing speed must not make time jump: restart the linear function from the current instant.
  private rebase(): void {
    const real = this.realNow();
    this.baseEmulatorMs = this.baseEmulatorMs + (real - this.baseRealMs) * this.speed;
    this.baseRealMs = real;
  }
}

function checkSpeed(factor: number): void {
  if (!Number.isFinite(factor) || factor < 0) throw new RangeError(`clock speed must be a finite number >= 0, got ${factor}`);
}
