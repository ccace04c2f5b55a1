import * as assert from 'node:assert/strict';
import type { TreeNode } from '../../../src/tree/nodes';
import type { ProvisionedProductsProvider } from '../../../src/tree/provisionedProductsProvider';
import type { EmulatorCounters } from '../../../src/emulator/adminClient';
import { emulatorAdmin } from './serviceCatalogApi';

/** Service Catalog calls by the `AcceptLanguage` they carried: `en`, `jp`, `zh`, `none`, or any other value sent. */
export type AcceptLanguageCounts = EmulatorCounters['acceptLanguages'];

export function labelOf(node: TreeNode): string {
  const label = node.getTreeItem().label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** A profile's node in the tree (profile nodes are the roots). */
export async function profileNode(tree: ProvisionedProductsProvider, name: string): Promise<TreeNode> {
  const node = (await tree.getChildren()).find((candidate) => candidate.id.startsWith('profile:') && labelOf(candidate) === name);
  assert.ok(node, `profile ${name} is shown`);
  return node;
}

/**
 * Lists a profile's products through the tree, from Service Catalog again (not from what the tree already
 * had), and returns the Service Catalog calls the emulator counted meanwhile, by `AcceptLanguage`.
 */
export async function callsWhileListing(tree: ProvisionedProductsProvider, profile: string): Promise<{ products: TreeNode[]; calls: AcceptLanguageCounts }> {
  const admin = emulatorAdmin();
  const node = await profileNode(tree, profile);
  const before = await admin.acceptLanguages();
  tree.refreshNode(node);
  const products = await tree.getChildren(node);
  const after = await admin.acceptLanguages();
  const calls = Object.fromEntries(Object.entries(after).map(([language, count]) => [language, count - (before[language] ?? 0)])) as AcceptLanguageCounts;
  return { products, calls };
}
