import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProvisionedProductsProvider } from '../../src/tree/provisionedProductsProvider';
import { callsWhileListing } from './helpers/acceptLanguage';
import { extensionApi } from './helpers/serviceCatalogApi';

/**
 * The language Service Catalog answers in follows VS Code's display language unless the user picks one:
 * this window is in English, so the calls carry `AcceptLanguage: en` (the Japanese run has its own suite).
 */
describe('AcceptLanguage', function () {
  this.timeout(60_000);
  let tree: ProvisionedProductsProvider;
  const setting = () => vscode.workspace.getConfiguration('serviceCatalog');

  before(async () => {
    tree = (await extensionApi()).tree;
  });

  afterEach(async () => {
    await setting().update('acceptLanguage', undefined, vscode.ConfigurationTarget.Global);
  });

  it('follows the display language by default: en in an English VS Code', async () => {
    assert.equal(vscode.env.language, 'en');
    assert.equal(setting().inspect('acceptLanguage')?.defaultValue, 'auto');
    const { products, calls } = await callsWhileListing(tree, 'main-alice');
    assert.ok(products.length > 0, 'main-alice lists its products');
    assert.ok(calls.en > 0, `calls by AcceptLanguage: ${JSON.stringify(calls)}`);
    assert.deepEqual({ jp: calls.jp, zh: calls.zh, none: calls.none }, { jp: 0, zh: 0, none: 0 });
  });

  it('uses the language the user sets instead', async () => {
    await setting().update('acceptLanguage', 'zh', vscode.ConfigurationTarget.Global);
    const { calls } = await callsWhileListing(tree, 'main-alice');
    assert.ok(calls.zh > 0, `calls by AcceptLanguage: ${JSON.stringify(calls)}`);
  });
});
