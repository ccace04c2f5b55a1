import * as assert from 'node:assert/strict';
import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import { productItems } from '../../../src/execute/wizard/steps/productSteps';
import { productStatusPresentation } from '../../../src/catalog/productStatus';

const product = (Id: string, Name: string, Status: string, extra: Partial<ProvisionedProductAttribute> = {}): ProvisionedProductAttribute => ({
  Id,
  Name,
  Status: Status as ProvisionedProductAttribute['Status'],
  ProductName: 'Web Server',
  ProvisioningArtifactName: 'v1',
  ...extra,
});

describe('the wizard’s product list looks and sorts like the tree', () => {
  it('sorts names as a person expects: web-2 before web-10', () => {
    const items = productItems([product('pp-3', 'web-10', 'AVAILABLE'), product('pp-1', 'web-2', 'AVAILABLE'), product('pp-2', 'Web-1', 'AVAILABLE')]);
    assert.deepEqual(items.map((item) => item.label), ['Web-1', 'web-2', 'web-10']);
  });

  it('shows each status with the tree’s icon and words; products Service Catalog would refuse are shown but not pickable', () => {
    const statuses = ['AVAILABLE', 'UNDER_CHANGE', 'PLAN_IN_PROGRESS', 'TAINTED', 'ERROR', 'SOMETHING_NEW'];
    const items = productItems(statuses.map((status, index) => product(`pp-${index}`, `p-${index}`, status, { LastRecordId: 'rec-1' })));
    for (const [index, status] of statuses.entries()) {
      const item = items[index];
      const tree = productStatusPresentation(status);
      assert.equal(item.icon, tree.icon, status);
      assert.ok(item.detail?.includes(tree.label), `${status}: ${item.detail}`);
      assert.equal(item.disabledReason !== undefined, !tree.actionable, status);
      assert.equal(item.description, 'Web Server v1');
    }
    assert.equal(items[2].icon, 'loading~spin', 'a plan in progress');
    assert.equal(items[0].detail, 'pp-0 · Available (AVAILABLE)', 'the status in words and as AWS says it, for the search');
    assert.equal(items[5].detail, 'pp-5 · SOMETHING_NEW');
    assert.equal(items[1].disabledReason, 'p-1 is under change: record rec-1 is still running. Wait until it ends.');
  });
});
