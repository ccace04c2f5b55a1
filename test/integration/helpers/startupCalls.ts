import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServiceCatalogExtensionApi } from '../../../src/extension';
import { EmulatorAdminClient, type EmulatorCounters } from '../../../src/emulator/adminClient';
import { waitUntil } from '../../../tools/waitUntil';
import { emulatorEndpoint } from '../testEnvironment';
import { activateExtension } from './extension';

/** What the emulator had counted once the extension was active, and once the view was first opened. */
export interface StartupCalls {
  afterActivation?: EmulatorCounters;
  /** Whether dist/aws-sdk.js was in the host's module cache once the extension was active. */
  sdkChunkLoadedByActivation?: boolean;
  afterOpeningTheView?: EmulatorCounters;
  /** Why the view could not be observed, if it could not. */
  error?: string;
}

// Each suite is its own bundle: what the mocha entry records reaches the suites through the host's global object.
const key = Symbol.for('serviceCatalog.test.startupCalls');

/**
 * Run by the mocha entry before any suite (the extension activates on startup, before the suites load): the
 * emulator's counters once the extension is active, then once the Service Catalog view has been opened for the
 * first time and its IAM Identity Center session shows its account count. activation.test.ts asserts on them.
 */
export async function observeStartup(): Promise<void> {
  const record: StartupCalls = {};
  (globalThis as Record<symbol, unknown>)[key] = record;
  try {
    const admin = new EmulatorAdminClient(emulatorEndpoint());
    const extension = await activateExtension();
    const api = extension.exports as ServiceCatalogExtensionApi;
    record.sdkChunkLoadedByActivation = require.cache[fs.realpathSync(path.join(extension.extensionPath, 'dist', 'aws-sdk.js'))] !== undefined;
    record.afterActivation = await admin.counters();
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
    await waitUntil('the session acme-sso to show its account count', async () => {
      const session = (await api.tree.getChildren()).find((node) => node.id === 'sso-session:acme-sso');
      return session && /^3 accounts/.test(String(session.getTreeItem().description ?? ''));
    }, 60_000);
    record.afterOpeningTheView = await admin.counters();
  } catch (error) {
    record.error = String(error);
  }
}

export function startupCalls(): StartupCalls | undefined {
  return (globalThis as Record<symbol, unknown>)[key] as StartupCalls | undefined;
}
