import { strict as assert } from 'node:assert';
import {
  productDescription,
  productDetailRows,
  productStatusPresentation,
  sortProducts,
} from '../../../src/catalog/productStatus';
import { ProductFilters } from '../../../src/tree/productFilters';
import { MemoryStore } from '../support/memoryStore';

describe('product presentation', () => {
  it('gives every status its own icon and says which ones keep changing', () => {
    const statuses = ['AVAILABLE', 'UNDER_CHANGE', 'TAINTED', 'ERROR', 'PLAN_IN_PROGRESS'];
    const icons = statuses.map((status) => productStatusPresentation(status).icon);
    assert.equal(new Set(icons).size, statuses.length);
    assert.deepEqual(
      statuses.filter((status) => !productStatusPresentation(status).settled),
      ['UNDER_CHANGE', 'PLAN_IN_PROGRESS'],
    );
    assert.deepEqual(
      statuses.filter((status) => !productStatusPresentation(status).actionable),
      ['UNDER_CHANGE', 'PLAN_IN_PROGRESS'],
    );
    assert.equal(productStatusPresentation('SOMETHING_NEW').label, 'SOMETHING_NEW');
  });

  it('describes a product by its product name and version and lists its details', () => {
    const product = { Id: 'pp-1', Name: 'web', ProductName: 'Web Server', ProvisioningArtifactName: 'v2', Status: 'TAINTED' as const, CreatedTime: new Date('2024-01-02T03:04:05Z') };
    assert.equal(productDescription(product), 'Web Server v2');
    const rows = Object.fromEntries(productDetailRows(product));
    assert.equal(rows['Status'], 'Tainted (TAINTED)');
    assert.equal(rows['Created'], '2024-01-02T03:04:05.000Z');
    assert.equal(rows['Last record'], undefined, 'absent fields are left out');
  });

  it('sorts names with numbers as a person expects, thousands of them quickly', () => {
    const names = sortProducts([{ Name: 'web-10' }, { Name: 'web-2' }, { Name: 'Web-1' }]).map((product) => product.Name);
    assert.deepEqual(names, ['Web-1', 'web-2', 'web-10']);
    const many = Array.from({ length: 10_000 }, (_, index) => ({ Name: `product-${(index * 7919) % 10_000}` }));
    assert.equal(sortProducts(many)[9_999].Name, 'product-9999');
  });
});

describe('ProductFilters', () => {

  it('keeps one query per profile, trims them, and clears empty ones', async () => {
    const filters = new ProductFilters(new MemoryStore());
    await filters.set('dev', '  status:AVAILABLE ');
    await filters.set('prod', 'name:web');
    assert.equal(filters.get('dev'), 'status:AVAILABLE');
    assert.equal(filters.describe(), 'dev: status:AVAILABLE · prod: name:web');
    await filters.set('dev', '   ');
    assert.equal(filters.get('dev'), undefined);
    assert.equal(filters.size, 1);
    await filters.clear();
    assert.equal(filters.size, 0);
  });
});
