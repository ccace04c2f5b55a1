import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, manifest } from './helpers/extension';

describe('Commands', () => {
  before(async () => {
    await activateExtension();
  });

  it('contributes at least the Execute Service Action command', () => {
    const ids = (manifest().contributes.commands ?? []).map((command) => command.command);
    assert.ok(ids.includes('serviceCatalog.executeServiceAction'), `contributed: ${ids.join(', ')}`);
  });

  it('registers every command that package.json contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = (manifest().contributes.commands ?? [])
      .map((command) => command.command)
      .filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered after activation: ${missing.join(', ')}`);
  });

  it('puts every command in the "Service Catalog" category', () => {
    const uncategorised = (manifest().contributes.commands ?? []).filter((command) => command.category !== 'Service Catalog');
    assert.deepEqual(uncategorised.map((command) => command.command), []);
  });
});
