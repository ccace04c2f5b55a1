import { strict as assert } from 'node:assert';
import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import { describeFilters, describeViewFilter, passesViewFilter, viewFilterOf } from '../../../src/catalog/viewFilter';

const product = (name: string, fields: Partial<ProvisionedProductAttribute> = {}): ProvisionedProductAttribute => ({
  Id: `pp-${name}`,
  Name: name,
  Status: 'AVAILABLE',
  ProductName: 'Web Server',
  ProvisioningArtifactName: 'v1',
  Tags: [],
  ...fields,
});

describe('Filter All: the view-wide filter', () => {
  it('keeps only what it can use: trimmed text of at most 256 characters, known statuses; nothing when empty', () => {
    assert.deepEqual(viewFilterOf({ text: '  web ', statuses: ['TAINTED', 'NOPE', 'AVAILABLE', 3] }), { text: 'web', statuses: ['AVAILABLE', 'TAINTED'] });
    assert.equal(viewFilterOf({ text: 'x'.repeat(300) })?.text?.length, 256);
    assert.equal(viewFilterOf({ text: '  ', statuses: [] }), undefined);
    assert.equal(viewFilterOf('web'), undefined);
    assert.equal(viewFilterOf(null), undefined);
  });

  it('lets through products of a chosen status whose name, id, product, version or tag value holds the text', () => {
    const filter = viewFilterOf({ text: 'paym', statuses: ['AVAILABLE', 'TAINTED'] });
    assert.ok(passesViewFilter(product('web-1', { Tags: [{ Key: 'team', Value: 'payments' }] }), filter));
    assert.ok(passesViewFilter(product('payments-api', { Status: 'TAINTED' }), filter));
    assert.ok(!passesViewFilter(product('payments-db', { Status: 'ERROR' }), filter), 'a status not chosen');
    assert.ok(!passesViewFilter(product('web-2'), filter), 'no field holds the text');
    assert.ok(passesViewFilter(product('anything'), undefined));
    assert.ok(passesViewFilter(product('web-3', { Status: 'ERROR' }), viewFilterOf({ text: 'web' })), 'no status chosen: any status');
  });

  it('says what it filters on, after the profiles’ queries', () => {
    assert.equal(describeViewFilter(viewFilterOf({ text: 'web', statuses: ['AVAILABLE', 'TAINTED'] })), '"web" · Available, Tainted');
    assert.equal(describeFilters('dev: status:AVAILABLE', viewFilterOf({ statuses: ['ERROR'] })), 'dev: status:AVAILABLE · All: Error');
    assert.equal(describeFilters('', undefined), '');
  });
});
