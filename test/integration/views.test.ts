import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, manifest } from './helpers/extension';

describe('Views', () => {
  before(async () => {
    await activateExtension();
  });

  it('contributes the Service Catalog activity bar container with the Provisioned Products view', () => {
    const { viewsContainers, views } = manifest().contributes;
    assert.ok(viewsContainers?.activitybar?.some((container) => container.id === 'serviceCatalog'));
    const view = views?.serviceCatalog?.find((candidate) => candidate.id === 'serviceCatalog.provisionedProducts');
    assert.equal(view?.name, 'Provisioned Products');
  });

  it('shows the container and focuses the view in the workbench', async () => {
    // VS Code registers these commands only for containers and views it actually created.
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('workbench.view.extension.serviceCatalog'), 'the container has no open command');
    assert.ok(registered.has('serviceCatalog.provisionedProducts.focus'), 'the view has no focus command');
    await vscode.commands.executeCommand('workbench.view.extension.serviceCatalog');
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
  });
});
