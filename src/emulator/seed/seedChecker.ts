/** Small helpers that collect seed problems as "path: what is wrong" lines. */
export class SeedValidationError extends Error {
  constructor(
    readonly problems: string[],
    source: string,
  ) {
    const shown = problems.slice(0, 30).map((p) => `  - ${p}`);
    if (problems.length > shown.length) shown.push(`  ... and ${problems.length - shown.length} more`);
    super(`Invalid emulator seed (${source}): ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${shown.join('\n')}`);
    this.name = 'SeedValidationError';
  }
}

export class SeedChecker {
  readonly problems: string[] = [];

  fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  isObject(path: string, value: unknown): value is Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
    this.fail(path, `must be an object, got ${describe(value)}`);
    return false;
  }

  isArray(path: string, value: unknown, options: { optional?: boolean; nonEmpty?: boolean } = {}): value is unknown[] {
    if (value === undefined && options.optional) return false;
    if (!Array.isArray(value)) {
      this.fail(path, `must be an array, got ${describe(value)}`);
      return false;
    }
    if (options.nonEmpty && value.length === 0) this.fail(path, 'must not be empty');
    return true;
  }

  string(
    path: string,
    value: unknown,
    options: { optional?: boolean; pattern?: RegExp; patternHint?: string; maxLength?: number; oneOf?: readonly string[] } = {},
  ): value is string {
    if (value === undefined && options.optional) return false;
    if (typeof value !== 'string') {
      this.fail(path, `must be a string, got ${describe(value)}`);
      return false;
    }
    if (value.length === 0) {
      this.fail(path, 'must not be empty');
      return false;
    }
    if (options.oneOf && !options.oneOf.includes(value)) {
      this.fail(path, `must be one of ${options.oneOf.join(', ')}, got "${value}"`);
      return false;
    }
    if (options.pattern && !options.pattern.test(value)) {
      this.fail(path, `"${value}" does not look like ${options.patternHint ?? options.pattern.source}`);
      return false;
    }
    if (options.maxLength !== undefined && [...value].length > options.maxLength) {
      this.fail(path, `must be at most ${options.maxLength} characters, got ${[...value].length}`);
      return false;
    }
    return true;
  }

  time(path: string, value: unknown, options: { optional?: boolean } = {}): value is string {
    if (!this.string(path, value, options)) return false;
    if (Number.isNaN(Date.parse(value))) {
      this.fail(path, `"${value}" is not an ISO-8601 time (e.g. 2024-05-01T12:00:00Z)`);
      return false;
    }
    return true;
  }

  number(path: string, value: unknown, options: { optional?: boolean; min?: number; max?: number } = {}): value is number {
    if (value === undefined && options.optional) return false;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(path, `must be a number, got ${describe(value)}`);
      return false;
    }
    if (options.min !== undefined && value < options.min) this.fail(path, `must be >= ${options.min}, got ${value}`);
    if (options.max !== undefined && value > options.max) this.fail(path, `must be <= ${options.max}, got ${value}`);
    return true;
  }

  boolean(path: string, value: unknown): void {
    if (value !== undefined && typeof value !== 'boolean') this.fail(path, `must be true or false, got ${describe(value)}`);
  }

  stringList(path: string, value: unknown, options: { optional?: boolean; nonEmpty?: boolean } = {}): value is string[] {
    if (!this.isArray(path, value, options)) return false;
    let ok = true;
    value.forEach((item, i) => {
      if (typeof item !== 'string') {
        this.fail(`${path}[${i}]`, `must be a string, got ${describe(item)}`);
        ok = false;
      }
    });
    return ok;
  }

  unique<T>(path: string, items: T[], key: (item: T) => unknown, what: string): void {
    const seen = new Map<unknown, number>();
    items.forEach((item, i) => {
      const k = key(item);
      if (k === undefined) return;
      const first = seen.get(k);
      if (first !== undefined) this.fail(`${path}[${i}]`, `duplicate ${what} "${String(k)}" (first at ${path}[${first}])`);
      else seen.set(k, i);
    });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
