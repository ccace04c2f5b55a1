// Runs inside the VS Code extension host, run by the test host extension (tools/testHost/) for the benchmarks (bench/lib/session.ts).
// `run()` serves a few measurement operations over HTTP on 127.0.0.1 (each request must carry the token the
// benchmark put in the host's environment) and resolves only when the benchmark says `finish`.
// It reads the extension through its exported API and VS Code's own objects; it never changes the extension.
import { realpathSync } from 'node:fs';
import * as http from 'node:http';
import * as inspector from 'node:inspector';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { testHostLog } from '../../tools/testHostLog';
import { agentLogPrefix, agentTokenVariable, extensionId, type AgentOperations } from './protocol';

let finish: () => void = () => {};

export async function run(): Promise<void> {
  const token = process.env[agentTokenVariable];
  if (!token) throw new Error(`${agentTokenVariable} is not set: the agent only runs under the benchmarks.`);
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const server = http.createServer((request, response) => void serve(request, response, token));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  (testHostLog() ?? console.log)(`${agentLogPrefix}${JSON.stringify({ port, pid: process.pid })}`);
  await finished;
  server.close();
}

async function serve(request: http.IncomingMessage, response: http.ServerResponse, token: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const reply = (status: number, body: unknown): void => {
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  if (request.headers['x-bench-token'] !== token || request.method !== 'POST') return reply(403, { error: 'forbidden' });
  try {
    const { op, args } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { op: keyof AgentOperations; args: never };
    const handler = operations[op] as ((args: never) => Promise<unknown>) | undefined;
    if (!handler) return reply(404, { error: `unknown operation ${String(op)}` });
    reply(200, { result: await handler(args) });
  } catch (error) {
    reply(500, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

function extension(): vscode.Extension<ServiceCatalogExtensionApi> {
  const found = vscode.extensions.getExtension<ServiceCatalogExtensionApi>(extensionId);
  if (!found) throw new Error(`${extensionId} is not loaded in this extension host`);
  return found;
}

async function api(): Promise<ServiceCatalogExtensionApi> {
  return extension().activate();
}

/** Modules Node has loaded from the extension's folder (the lazily loaded chunks show up here once required). */
function loadedModules(): string[] {
  // Node keys its module cache by real path; the benchmarks install the extension as a link to the staged build.
  const root = realpathSync(extension().extensionPath);
  return Object.keys(require.cache)
    .filter((file) => file.startsWith(root))
    .map((file) => file.slice(root.length + 1));
}

const label = (node: TreeNode): string => {
  const item = node.getTreeItem().label;
  return typeof item === 'string' ? item : (item?.label ?? '');
};

async function profileNodes(names: string[]): Promise<TreeNode[]> {
  const { tree } = await api();
  const roots = await tree.getChildren();
  return names.map((name) => {
    const node = roots.find((candidate) => candidate.id.startsWith('profile:') && label(candidate) === name);
    if (!node) throw new Error(`profile ${name} is not in the tree (roots: ${roots.map(label).join(', ')})`);
    return node;
  });
}

let profiler: inspector.Session | undefined;
const post = <T>(method: string, params?: object) =>
  new Promise<T>((resolve, reject) => profiler!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));

/** Self time per function of a CPU profile, the largest first. */
function summarize(profile: inspector.Profiler.Profile, limit: number): Array<{ ms: number; fn: string; where: string }> {
  const self = new Map<number, number>();
  profile.samples?.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[index] ?? 0)));
  const byFunction = new Map<string, { ms: number; fn: string; where: string }>();
  for (const node of profile.nodes) {
    const micros = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { ms: 0, fn: functionName || '(anonymous)', where };
    entry.ms += micros / 1000;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, limit);
}

let gc: (() => void) | undefined;
function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

const recordEvents: Array<{ recordId: string; status: string; seenAt: number }> = [];
const recordPolls = new Map<string, number[]>();
const executedRefs = new Map<string, { profile: string; region: string; recordId: string }>();
let recordListener: vscode.Disposable | undefined;

const operations: AgentOperations = {
  async state() {
    const found = extension();
    return { active: found.isActive, loadedModules: loadedModules(), pid: process.pid };
  },

  async startupPerformance() {
    // "Developer: Startup Performance" opens a text document of the workbench's whose "Extension Activation Stats"
    // table has VS Code's codeLoadingTime, activateCallTime and activateResolvedTime of each extension.
    await vscode.commands.executeCommand('perfview.show');
    for (let i = 0; i < 100; i++) {
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.scheme === 'perf');
      if (document && /Extension Activation Stats/.test(document.getText())) {
        const text = document.getText();
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        return { text };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('Developer: Startup Performance did not open its document');
  },

  async loadSdkChunk() {
    // What the first AWS call costs on top of the call itself: requiring the SDK chunk (nothing if already loaded).
    const file = `${extension().extensionPath}/dist/aws-sdk.js`;
    const wasLoaded = require.cache[file] !== undefined;
    const started = performance.now();
    createRequire(__filename)(file);
    return { wasLoaded, ms: performance.now() - started };
  },

  async focusView() {
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
    const { tree } = await api();
    return { roots: (await tree.getChildren()).map(label) };
  },

  async collapseAndRebuild() {
    await vscode.commands.executeCommand('workbench.actions.treeView.serviceCatalog.provisionedProducts.collapseAll');
    const { tree } = await api();
    tree.rebuild();
    return { roots: (await tree.getChildren()).map(label) };
  },

  async loadProfiles({ profiles }) {
    // What VS Code does when the profiles are expanded: getChildren of each profile node, all at once.
    const { tree } = await api();
    const nodes = await profileNodes(profiles);
    const started = performance.now();
    const perProfile = await Promise.all(
      nodes.map(async (node, index) => {
        let children = await tree.getChildren(node);
        for (const child of children) tree.getTreeItem(child);
        // Long listings show their first page at once; the count is of the whole listing, as the window gets it
        // when the rest has arrived (VS Code asks for the children again, and every child's TreeItem).
        await Promise.all(tree.scopesOf(profiles[index]).map((scope) => scope.settled()));
        children = await tree.getChildren(node);
        for (const child of children) tree.getTreeItem(child);
        return { profile: profiles[index], products: children.filter((child) => child.id.includes('/pp-')).length, ms: performance.now() - started };
      }),
    );
    return { ms: performance.now() - started, perProfile };
  },

  async heap({ samples }) {
    const values: Array<{ heapUsed: number; heapTotal: number; external: number; rss: number }> = [];
    for (let i = 0; i < samples; i++) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 200));
      collectGarbage();
      const usage = process.memoryUsage();
      values.push({ heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, rss: usage.rss });
    }
    return { samples: values };
  },

  async setSetting({ section, value }) {
    await vscode.workspace.getConfiguration('serviceCatalog').update(section, value, vscode.ConfigurationTarget.Global);
    return {};
  },

  async followRecords() {
    const { records } = await api();
    recordListener?.dispose();
    recordEvents.length = 0;
    const seen = new Set<string>();
    const note = (recordId: string, status: string | undefined, seenAt: number) => {
      if (status && !seen.has(`${recordId}/${status}`)) {
        seen.add(`${recordId}/${status}`);
        recordEvents.push({ recordId, status, seenAt });
      }
    };
    recordPolls.clear();
    recordListener = records.tracker.onDidChange((snapshot) => {
      note(snapshot.ref.recordId, snapshot.record?.Status, Date.now());
      // Each successful DescribeRecord sets a new fetchedAt: the times of the record's polls.
      const polls = recordPolls.get(snapshot.ref.recordId) ?? [];
      if (snapshot.fetchedAt !== undefined && polls[polls.length - 1] !== snapshot.fetchedAt) polls.push(snapshot.fetchedAt);
      recordPolls.set(snapshot.ref.recordId, polls);
    });
    return {};
  },

  async execute({ request }) {
    const result = (await vscode.commands.executeCommand('serviceCatalog.executeServiceAction', request)) as {
      outcome: string;
      started?: Array<{ profile: string; region: string; recordId: string }>;
    };
    const { records } = await api();
    // The tracker's own account of when it saw each status (the panel renders from the same snapshots).
    for (const ref of result.started ?? []) executedRefs.set(ref.recordId, ref);
    const history = (result.started ?? []).map((ref) => ({ ref, history: records.tracker.snapshot(ref)?.statusHistory ?? [] }));
    for (const { ref, history: entries } of history) {
      for (const entry of entries) {
        if (!recordEvents.some((event) => event.recordId === ref.recordId && event.status === entry.status)) {
          recordEvents.push({ recordId: ref.recordId, status: entry.status, seenAt: entry.seenAt });
        }
      }
    }
    return { outcome: result.outcome, started: result.started ?? [] };
  },

  async recordEvents() {
    const { records } = await api();
    const tracked = [...new Set(recordEvents.map((event) => event.recordId))].map((recordId) => {
      const snapshot = records.tracker.inFlight().find((candidate) => candidate.ref.recordId === recordId);
      return { recordId, inFlight: snapshot !== undefined };
    });
    const estimates: Record<string, { typicalMs: number; lowMs: number; highMs: number; runs: number }> = {};
    for (const { recordId } of tracked) {
      const ref = executedRefs.get(recordId);
      const estimate = ref ? records.tracker.snapshot(ref)?.estimate : undefined;
      if (estimate) estimates[recordId] = { typicalMs: estimate.typicalMs, lowMs: estimate.lowMs, highMs: estimate.highMs, runs: estimate.runs };
    }
    return { events: [...recordEvents], tracked, polls: Object.fromEntries(recordPolls), estimates };
  },

  async watchRecords({ refs }) {
    const { records } = await api();
    for (const ref of refs) records.tracker.watch(ref);
    return { inFlight: records.tracker.inFlight().length };
  },

  async fillActivity({ count, profile, region }) {
    const { records } = await api();
    const now = Date.now();
    for (let index = 0; index < count; index++) {
      const createdAt = now - (count - index) * 600_000;
      await records.executions.add({
        ref: { profile, region, recordId: `rec-bench${String(index).padStart(8, '0')}` },
        provisionedProductId: `pp-bench${String(index).padStart(8, '0')}`,
        productId: 'prod-benchproduct1',
        provisioningArtifactId: 'pa-benchversion01',
        serviceActionId: 'act-benchaction01',
        recordType: 'EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION',
        status: index % 7 === 0 ? 'FAILED' : 'SUCCEEDED',
        createdAt,
        updatedAt: createdAt + 45_000 + index * 1_000,
        files: 'user',
        provisionedProductName: `payments-service-instance-${String(index).padStart(4, '0')}`,
        productName: 'Payments web server (hardened AMI, multi-AZ)',
        serviceActionName: 'Restart-Application-Servers',
        accountId: '123456789012',
      });
    }
    return { entries: records.activity.entries().length };
  },

  async showActivity({ expected }) {
    const { records } = await api();
    await vscode.commands.executeCommand('serviceCatalog.activity.focus');
    const deadline = Date.now() + 60_000;
    while (records.activityView.items().length < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      records.activityView.refresh();
    }
    return { items: records.activityView.items().length };
  },

  async profileStart() {
    profiler ??= new inspector.Session();
    try {
      profiler.connect();
    } catch {
      // already connected
    }
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
    return {};
  },

  async profileStop({ limit }) {
    const { profile } = await post<{ profile: inspector.Profiler.Profile }>('Profiler.stop');
    return { top: summarize(profile, limit) };
  },

  async finish() {
    recordListener?.dispose();
    setTimeout(() => finish(), 50);
    return {};
  },
};
