import type { RunningEmulator } from '../../../src/emulator';
import { e2eSession, workbench } from './session';

/** The e2e run's emulator back to its seed (or `seedPath`'s), with no fault and its clock at real speed. */
export function resetEmulator(seedPath?: string): RunningEmulator {
  const { emulator } = e2eSession().sandbox;
  emulator.faults.clear();
  emulator.reset(seedPath);
  emulator.clock.setSpeed(1);
  return emulator;
}

/**
 * mocha hooks for a suite whose tests change the emulator and leave panels open: the emulator back to the
 * test seed and the window with no editor, quick input or notification, before each test (or once before the
 * suite, with `'once'`), and again after the suite, so the suites that follow start from the same place.
 */
export function startFromTheSeed(when: 'each' | 'once' = 'each'): void {
  const start = async (): Promise<void> => {
    resetEmulator();
    await workbench().closeAllEditors();
  };
  if (when === 'each') beforeEach(start);
  else before(start);
  after(start);
}
