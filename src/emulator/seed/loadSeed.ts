import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SeedValidationError } from './seedChecker';
import type { Seed } from './seedTypes';
import { validateSeed } from './validateSeed';

export const SAMPLE_SEED_PATH = path.join(__dirname, '..', 'seeds', 'sample.json');

/** Reads (when given a path), validates and deep-copies a seed, so the emulator never shares objects with its caller. */
export function loadSeed(seed: Seed | string): Seed {
  if (typeof seed !== 'string') return validateSeed(structuredClone(seed), 'seed object');
  const file = path.resolve(seed);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SeedValidationError([`cannot read the file: ${(err as Error).message}`], file);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new SeedValidationError([`not valid JSON: ${(err as Error).message}`], file);
  }
  return validateSeed(parsed, file);
}
