import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeBuild, selectedVsCode } from '../../tools/vscodeVersions';
import { testResultsDir } from '../../tools/paths';

/** One benchmark figure: what was measured, the value, the target, and what it compares with in the same run. */
export interface Figure {
  name: string;
  /** What was measured and how, in a sentence or two. */
  what: string;
  value: number;
  unit: string;
  /** How the value reads, when more than `value unit` (e.g. "512.3 KB"). */
  display?: string;
  /** The figure passes when `value <= target.max`. */
  target: { max: number; text: string };
  /** What the figure is compared with, measured in the same run. */
  baseline?: string;
  /** Further lines: the samples, the breakdown. */
  details?: string[];
}

export interface FigureResult extends Figure {
  pass: boolean;
}

export function printFigure(figure: Figure): FigureResult {
  const pass = figure.value <= figure.target.max;
  const lines = [
    `  ${figure.name}`,
    `    measured: ${figure.what}`,
    `    figure:   ${figure.display ?? `${round(figure.value)} ${figure.unit}`}`,
    `    target:   ${figure.target.text}`,
    ...(figure.baseline ? [`    baseline: ${figure.baseline}`] : []),
    ...(figure.details ?? []).map((line) => `      ${line}`),
    `    result:   ${pass ? 'PASS' : 'MISS'}`,
  ];
  console.log(lines.join('\n'));
  return { ...figure, pass };
}

/**
 * `tsx bench/<name>.ts` runs that benchmark alone: it exits 0 when every figure meets its target, 1 when one
 * misses it, and 2 when it could not be measured (`npm run bench` runs them together: see bench/run.ts).
 */
export function runWhenMain(module: NodeModule, bench: () => Promise<FigureResult[]>): void {
  if (require.main !== module) return;
  bench().then(
    (figures) => process.exit(figures.every((figure) => figure.pass) ? 0 : 1),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}

export function printHeading(title: string): void {
  console.log(`\n== ${title} ==`);
}

/** Writes a benchmark's figures to test-results/bench/<name>.json, with the machine they were measured on. */
export function saveResults(bench: string, figures: FigureResult[], extra: Record<string, unknown> = {}): string {
  const dir = path.join(testResultsDir, 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${bench}.json`);
  fs.writeFileSync(file, JSON.stringify({ bench, date: new Date().toISOString(), machine: machine(), figures, ...extra }, null, 2));
  return file;
}

export function machine(): Record<string, string | number> {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    codeServer: describeBuild(selectedVsCode()),
    loadAverage: os.loadavg().map((value) => value.toFixed(2)).join(' '),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
