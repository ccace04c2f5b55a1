import assert from 'node:assert/strict';
import { EmulatorClock } from '../../../src/emulator/clock';

describe('EmulatorClock', () => {
  it('runs at its speed from the real time it started', () => {
    let real = 1_000_000;
    const clock = new EmulatorClock(60, () => real);
    assert.equal(clock.now(), 1_000_000);
    real += 1000;
    assert.equal(clock.now(), 1_060_000);
  });

  it('changes speed without jumping, and advances by hand', () => {
    let real = 0;
    const clock = new EmulatorClock(1, () => real);
    real = 500;
    clock.setSpeed(10);
    assert.equal(clock.now(), 500);
    real = 600;
    assert.equal(clock.now(), 1500);
    clock.advance(5000);
    assert.equal(clock.now(), 6500);
    clock.setSpeed(0);
    real = 10_000;
    assert.equal(clock.now(), 6500, 'speed 0 freezes it');
  });

  it('refuses to go back or run backwards', () => {
    const clock = new EmulatorClock();
    assert.throws(() => clock.advance(-1), RangeError);
    assert.throws(() => clock.setSpeed(-2), RangeError);
    assert.throws(() => new EmulatorClock(Number.NaN), RangeError);
  });
});
