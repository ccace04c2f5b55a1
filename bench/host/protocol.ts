// What the benchmark scripts and the agent inside the extension host (agent.ts) agree on.

export const extensionId = 'service-catalog-actions.service-catalog-actions';

/** The agent prints one line with this prefix and `{ port, pid }` when it listens. */
export const agentLogPrefix = '[bench-agent] ';

/** The token every request to the agent must carry (`x-bench-token`), given through the host's environment. */
export const agentTokenVariable = 'SERVICE_CATALOG_BENCH_TOKEN';

export interface RecordRefLike {
  profile: string;
  region: string;
  recordId: string;
}

export interface HeapSample {
  heapUsed: number;
  heapTotal: number;
  external: number;
  rss: number;
}

/** Each operation takes one JSON argument and answers one JSON value. */
export interface AgentOperations {
  /** Whether the extension is active, and which of its files Node has loaded. */
  state(): Promise<{ active: boolean; loadedModules: string[]; pid: number }>;
  /** The text of Developer: Startup Performance (VS Code's perf marks and extension activation stats). */
  startupPerformance(): Promise<{ text: string }>;
  /** Requires dist/aws-sdk.js and says how long it took (0-ish when it was already loaded). */
  loadSdkChunk(): Promise<{ wasLoaded: boolean; ms: number }>;
  /** Shows the Provisioned Products view and returns the labels of its roots. */
  focusView(): Promise<{ roots: string[] }>;
  /** Collapses the view and drops every loaded profile, as "Refresh" does. */
  collapseAndRebuild(): Promise<{ roots: string[] }>;
  /** getChildren of the named profile nodes in parallel (and getTreeItem of each child), timed. */
  loadProfiles(args: { profiles: string[] }): Promise<{ ms: number; perProfile: Array<{ profile: string; products: number; ms: number }> }>;
  /** process.memoryUsage() after forced garbage collections, `samples` times. */
  heap(args: { samples: number }): Promise<{ samples: HeapSample[] }>;
  /** Sets a `serviceCatalog.*` user setting. */
  setSetting(args: { section: string; value: unknown }): Promise<Record<string, never>>;
  /** Starts noting the first time the tracker reports each status of each record. */
  followRecords(): Promise<Record<string, never>>;
  /** Runs serviceCatalog.executeServiceAction with arguments (no wizard steps when they are all given). */
  execute(args: { request: Record<string, unknown> }): Promise<{ outcome: string; started: RecordRefLike[] }>;
  /**
   * The statuses noted so far, with when the tracker reported them (epoch ms); when each record's polls
   * answered (its `fetchedAt`s); and the estimate of each record's action, when the tracker has one.
   */
  recordEvents(): Promise<{
    events: Array<{ recordId: string; status: string; seenAt: number }>;
    tracked: Array<{ recordId: string; inFlight: boolean }>;
    polls: Record<string, number[]>;
    estimates: Record<string, { typicalMs: number; lowMs: number; highMs: number; runs: number }>;
  }>;
  /** Watches existing records through the tracker, as a reload or "Show Record" does. */
  watchRecords(args: { refs: RecordRefLike[] }): Promise<{ inFlight: number }>;
  /**
   * Adds `count` ended executions to the execution history, as this window's (names and ids as an execution
   * of the extension keeps them), for the Activity view to list.
   */
  fillActivity(args: { count: number; profile: string; region: string }): Promise<{ entries: number }>;
  /** Shows the Activity view and waits until it lists `expected` entries (or 60 s); returns how many it lists. */
  showActivity(args: { expected: number }): Promise<{ items: number }>;
  /** Starts the V8 CPU profiler of the extension host (node:inspector, in process). */
  profileStart(): Promise<Record<string, never>>;
  /** Stops it and returns the functions with the most self time. */
  profileStop(args: { limit: number }): Promise<{ top: Array<{ ms: number; fn: string; where: string }> }>;
  /** Ends the agent's run(). */
  finish(): Promise<Record<string, never>>;
}
