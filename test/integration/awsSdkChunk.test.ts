import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TreeNode } from '../../src/tree/nodes';
import { activateExtension, getExtension } from './helpers/extension';
import { extensionApi, testSeed } from './helpers/serviceCatalogApi';
import { startupCalls } from './helpers/startupCalls';

// Node keys its module cache by real path; the runners install the extension as a link to the repository.
const chunkFile = () => fs.realpathSync(path.join(getExtension().extensionPath, 'dist', 'aws-sdk.js'));
const chunkLoaded = () => require.cache[chunkFile()] !== undefined;

// The mocha entry opens the view (an AWS call) before any suite runs, after noting what activation had loaded;
// where it does not (a run in another display language), a root hook sees the host as activation left it.
let loadedByActivation: boolean | undefined;
before(async () => {
  await activateExtension();
  loadedByActivation = startupCalls()?.sdkChunkLoadedByActivation ?? chunkLoaded();
});

describe('AWS SDK chunk in the extension host', () => {
  it('is not loaded by activation, and is loaded by the first AWS call', async function () {
    this.timeout(60_000);
    assert.equal(loadedByActivation, false, 'activation loaded dist/aws-sdk.js');

    const { tree } = await extensionApi();
    const credential = testSeed().credentials.find((candidate) => candidate.profileName === 'main-alice')!;
    const label = (node: TreeNode) => {
      const item = node.getTreeItem().label;
      return typeof item === 'string' ? item : (item?.label ?? '');
    };
    const profile = (await tree.getChildren()).find((node) => node.id.startsWith('profile:') && label(node) === credential.profileName);
    assert.ok(profile, 'main-alice is in the tree');
    const children = await tree.getChildren(profile);
    assert.ok(children.length > 0, 'main-alice has products');
    assert.equal(chunkLoaded(), true, 'the first AWS call loaded dist/aws-sdk.js');
  });
});
