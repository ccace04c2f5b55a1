/**
 * How long an action usually takes on a product, from its earlier runs that ended. The records feature
 * computes it (`records/estimates/`); the composition root hands it to the others (Execute's review).
 */

/** The run to estimate: which action on which product. */
export interface DurationQuery {
  profile: string;
  region: string;
  productId: string;
  /** The product version the action runs on. */
  provisioningArtifactId?: string;
  serviceActionId: string;
  /** The record type of this run, when there is a record: earlier runs are records of the same type. */
  recordType?: string;
  /** This run's own record, which is not an earlier run. */
  recordId?: string;
}

/** What the earlier runs say. There is none without at least two of them: never a made-up figure. */
export interface DurationEstimate {
  /** The median duration of the earlier runs (ms). */
  typicalMs: number;
  /** The 10th and 90th percentiles (ms): where most runs end. */
  lowMs: number;
  highMs: number;
  /** A run still going after this long is "longer than usual" (ms). */
  longerAfterMs: number;
  /** How many earlier runs. */
  runs: number;
}

export type EstimateDuration = (query: DurationQuery, options?: { signal?: AbortSignal }) => Promise<DurationEstimate | undefined>;
