import type { WorkbenchUi } from '../../../tools/workbenchUi';

/** The wizard's title on step `step`: "Execute Service Action (2/6)"; `of` when the number of steps is known. */
export function wizardStep(step: number, of?: number): RegExp {
  return new RegExp(`^Execute Service Action \\(${step}/${of ?? '\\d'}\\)$`);
}

/**
 * Right-clicks `product` under `profile` in the Service Catalog view and chooses Execute Service Action:
 * the wizard opens on its first step (the product is known, so: the action).
 */
export async function executeFromContextMenu(ui: WorkbenchUi, options: { profile?: string; product: string; timeoutMs?: number }): Promise<void> {
  const { profile = 'main-alice', product, timeoutMs = 90_000 } = options;
  await ui.openServiceCatalogView();
  await ui.expandTreeItem(profile);
  await ui.treeItem(product).first().waitFor({ state: 'visible', timeout: timeoutMs });
  await ui.chooseTreeItemContextMenuItem(product, 'Execute Service Action');
  await ui.waitForQuickInputTitle(wizardStep(1));
}

/**
 * From a product's context menu through the wizard to its review, for an action whose one parameter is the
 * TARGET that Service Catalog provides (kept as it is): the review shows "Execute <action>", and Enter runs it.
 */
export async function executeUpToReview(ui: WorkbenchUi, options: { profile?: string; product: string; action: string; timeoutMs?: number }): Promise<void> {
  await executeFromContextMenu(ui, options);
  await ui.pickQuickPickItem(options.action);
  await ui.waitForQuickInputTitle(wizardStep(2));
  await ui.waitForQuickPickRowWith('Use the value Service Catalog provides');
  await ui.page.keyboard.press('Enter');
  await ui.waitForQuickInputTitle(wizardStep(3, 3));
  await ui.waitForQuickPickRowWith(`Execute ${options.action}`);
}
