import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pinnedContextSuffix } from '../../../src/tree/pinnedProducts';

/** The `viewItem` patterns of package.json's item menus, as VS Code evaluates them, against the rows' context values. */
const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { menus: { 'view/item/context': Array<{ command: string; when: string; group: string }> } };
};

function offered(command: string, contextValue: string, group?: RegExp): boolean {
  return manifest.contributes.menus['view/item/context']
    .filter((entry) => entry.command === command && (!group || group.test(entry.group)))
    .some((entry) => {
      const match = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(entry.when);
      return match !== null && new RegExp(match[1]).test(contextValue);
    });
}

describe('the menus of pinned and pinnable rows (package.json)', () => {
  const product = 'product.actionable.hasRecord.hasArn';
  const pinnedProduct = product + pinnedContextSuffix;
  const pinnedRow = 'pinnedRow' + pinnedContextSuffix;

  it('offers Pin on a product that is not pinned, and Unpin on one that is', () => {
    assert.ok(offered('serviceCatalog.pinProduct', product));
    assert.ok(offered('serviceCatalog.pinProduct', 'product.busy'));
    assert.ok(!offered('serviceCatalog.unpinProduct', product));
    assert.ok(!offered('serviceCatalog.pinProduct', pinnedProduct));
    assert.ok(offered('serviceCatalog.unpinProduct', pinnedProduct));
  });

  it('gives a pinned product every command of a product row', () => {
    for (const command of ['serviceCatalog.executeServiceAction', 'serviceCatalog.showLastRecord', 'serviceCatalog.showRecordHistory', 'serviceCatalog.copyArn', 'serviceCatalog.copyId', 'serviceCatalog.openInConsole', 'serviceCatalog.refreshItem']) {
      assert.ok(offered(command, pinnedProduct), command);
    }
  });

  it('gives a pinned row that is no product (gone, failed) Unpin (inline too) and Refresh only', () => {
    assert.ok(offered('serviceCatalog.unpinProduct', pinnedRow));
    assert.ok(offered('serviceCatalog.unpinProduct', pinnedRow, /^inline/));
    assert.ok(offered('serviceCatalog.refreshItem', pinnedRow));
    for (const command of ['serviceCatalog.pinProduct', 'serviceCatalog.executeServiceAction', 'serviceCatalog.showLastRecord', 'serviceCatalog.copyId', 'serviceCatalog.openInConsole']) {
      assert.ok(!offered(command, pinnedRow), command);
    }
    assert.ok(!offered('serviceCatalog.pinProduct', 'pinnedGroup'));
    assert.ok(offered('serviceCatalog.refreshItem', 'pinnedGroup'));
  });
});
