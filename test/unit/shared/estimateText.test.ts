import * as assert from 'node:assert/strict';
import { approximateDuration, progressOf, shortProgressText, usuallyTakesText, type EstimateView } from '../../../src/shared/estimateText';

const fourMinutes: EstimateView = { typicalMs: 240_000, runs: 7, longerAfterMs: 360_000 };

describe('estimate texts', () => {
  it('says how long the action usually takes and from how many runs', () => {
    assert.equal(usuallyTakesText(fourMinutes), 'Usually takes about 4 min (7 earlier runs)');
    assert.equal(usuallyTakesText({ typicalMs: 41_700, runs: 2 }), 'Usually takes about 40 s (2 earlier runs)');
  });

  it('rounds like an estimate: seconds, then 5-second steps, minutes, then 5-minute steps', () => {
    assert.deepEqual([900, 12_400, 43_000, 97_000, 251_000, 4_000_000].map(approximateDuration), ['1 s', '12 s', '45 s', '1 min 35 s', '4 min', '1 h 5 min']);
  });

  it('says how far along a run is against the usual, and when it runs much longer than usual', () => {
    assert.deepEqual(progressOf(fourMinutes, 60_000), { tone: 'running', text: 'About 3 min left (usually about 4 min)', fraction: 0.25 });
    assert.deepEqual(progressOf(fourMinutes, 238_000), { tone: 'due', text: 'Should end any moment (usually about 4 min)', fraction: 1 });
    assert.deepEqual(progressOf(fourMinutes, 300_000), { tone: 'due', text: 'Should end any moment (usually about 4 min)', fraction: 1 });
    assert.deepEqual(progressOf(fourMinutes, 540_000), { tone: 'long', text: 'Longer than usual: 9 min, usually 4 min', fraction: 1 });
    assert.equal(progressOf(fourMinutes, -5_000).fraction, 0, 'a clock a little behind the service');
  });

  it('says it in a few words for the status bar', () => {
    assert.equal(shortProgressText(fourMinutes, 60_000), 'about 3 min left');
    assert.equal(shortProgressText(fourMinutes, 238_000), 'ending soon');
    assert.equal(shortProgressText(fourMinutes, 540_000), 'longer than usual');
  });
});
