import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProvisionedProductsProvider } from '../../../src/tree/provisionedProductsProvider';
import { callsWhileListing, labelOf, profileNode } from '../helpers/acceptLanguage';
import { manifest } from '../helpers/extension';
import { extensionApi } from '../helpers/serviceCatalogApi';

/**
 * VS Code with Japanese as its display language (`npm run test:l10n`: code-server `--locale ja`, a Japanese
 * browser, and a stand-in language pack): what the extension shows is Japanese, from its package.nls.ja.json,
 * from `vscode.l10n.t` in the host and from `t()` of @vscode/l10n in its vscode-free modules, and Service
 * Catalog is asked to answer in Japanese.
 */
describe('In Japanese', function () {
  this.timeout(60_000);
  let tree: ProvisionedProductsProvider;

  before(async () => {
    assert.equal(vscode.env.language, 'ja', 'this suite runs in a VS Code whose display language is Japanese');
    tree = (await extensionApi()).tree;
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
  });

  it('contributes its view and commands with the names of package.nls.ja.json', () => {
    const { views, commands } = manifest().contributes;
    assert.equal(views?.serviceCatalog?.find((view) => view.id === 'serviceCatalog.provisionedProducts')?.name, 'プロビジョニングされた製品');
    const execute = commands?.find((command) => command.command === 'serviceCatalog.executeServiceAction');
    // VS Code keeps a translated command title with its English original, for the palette's English search.
    const title = execute?.title as unknown as string | { value: string; original: string };
    assert.deepEqual(typeof title === 'string' ? title : title.value, 'サービスアクションの実行');
    assert.equal(execute?.category, 'Service Catalog');
  });

  it('describes profiles in Japanese (vscode.l10n.t in the host)', async () => {
    const node = await profileNode(tree, 'main-alice');
    const item = tree.resolveTreeItem(node.getTreeItem(), node);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.match(tooltip, /認証情報:/);
    assert.match(tooltip, /アクセスキー/);
  });

  it('gives product statuses in Japanese (t() of @vscode/l10n in a vscode-free module, configured at activation)', async () => {
    const products = await tree.getChildren(await profileNode(tree, 'main-alice'));
    const accessible = products.map((node) => node.getTreeItem().accessibilityInformation?.label ?? labelOf(node));
    assert.ok(accessible.some((label) => /^alice-web-01, 使用可能, /.test(label)), accessible.join(' | '));
    assert.ok(accessible.some((label) => /^alice-db-10, 変更中, /.test(label)), accessible.join(' | '));
  });

  it('says what is empty in Japanese', async () => {
    const children = await tree.getChildren(await profileNode(tree, 'empty-frida'));
    assert.deepEqual(children.map(labelOf), ['プロビジョニングされた製品はありません']);
  });

  it('asks Service Catalog to answer in Japanese: AcceptLanguage jp', async () => {
    const { products, calls } = await callsWhileListing(tree, 'main-alice');
    assert.ok(products.length > 0, 'main-alice lists its products');
    assert.ok(calls.jp > 0, `calls by AcceptLanguage: ${JSON.stringify(calls)}`);
    assert.deepEqual({ en: calls.en, zh: calls.zh, none: calls.none }, { en: 0, zh: 0, none: 0 });
  });
});
