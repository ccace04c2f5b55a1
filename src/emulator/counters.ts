import type { FailureKind } from './faults';

export type AcceptLanguageCount = 'en' | 'jp' | 'zh' | 'none';

export interface EmulatorCounters {
  /** Every AWS-protocol call received, by operation name (as sent in X-Amz-Target). */
  calls: Record<string, number>;
  totalCalls: number;
  /** Calls by access key (as read from the Authorization header), then by operation. */
  callsByAccessKey: Record<string, Record<string, number>>;
  /**
   * Service Catalog calls by the `AcceptLanguage` member of their body: `en`, `jp`, `zh`, `none` when
   * the member is absent (or the body is not a JSON object), any other string under its own value.
   */
  acceptLanguages: Record<AcceptLanguageCount, number> & Record<string, number>;
  /** Executions actually started (new records). An idempotent replay does not count. */
  executions: { total: number; byProvisionedProduct: Record<string, number>; byExecuteToken: Record<string, number> };
  /** Faults injected, by kind; `delayed` counts calls slowed by a latency rule. */
  faults: Record<FailureKind | 'delayed' | 'endlessPages', number>;
}

export class CounterSet {
  private data: EmulatorCounters = emptyCounters();

  countCall(operation: string, accessKeyId: string | undefined): void {
    this.data.calls[operation] = (this.data.calls[operation] ?? 0) + 1;
    this.data.totalCalls += 1;
    if (accessKeyId) {
      const byKey = (this.data.callsByAccessKey[accessKeyId] ??= {});
      byKey[operation] = (byKey[operation] ?? 0) + 1;
    }
  }

  countAcceptLanguage(language: string | undefined): void {
    const key = language ?? 'none';
    this.data.acceptLanguages[key] = (this.data.acceptLanguages[key] ?? 0) + 1;
  }

  countExecution(provisionedProductId: string, executeToken: string): void {
    const e = this.data.executions;
    e.total += 1;
    e.byProvisionedProduct[provisionedProductId] = (e.byProvisionedProduct[provisionedProductId] ?? 0) + 1;
    e.byExecuteToken[executeToken] = (e.byExecuteToken[executeToken] ?? 0) + 1;
  }

  countFault(kind: FailureKind | 'delayed' | 'endlessPages'): void {
    this.data.faults[kind] += 1;
  }

  snapshot(): EmulatorCounters {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = emptyCounters();
  }
}

function emptyCounters(): EmulatorCounters {
  return {
    calls: {},
    totalCalls: 0,
    callsByAccessKey: {},
    acceptLanguages: { en: 0, jp: 0, zh: 0, none: 0 },
    executions: { total: 0, byProvisionedProduct: {}, byExecuteToken: {} },
    faults: { throttle: 0, internalFailure: 0, serviceUnavailable: 0, drop: 0, delayed: 0, endlessPages: 0 },
  };
}
