import * as assert from 'node:assert/strict';
import { isProductItem, productKey, sameProduct } from '../../../src/catalog/products';
import { readRecordRef, recordKey, sameRecord } from '../../../src/catalog/records';

describe('product and record references', () => {
  it('key each reference by all of its parts, whatever characters they hold', () => {
    const a = { profile: 'p\u0000x', region: 'us-east-1', recordId: 'rec-1' };
    const b = { profile: 'p', region: 'x\u0000us-east-1', recordId: 'rec-1' };
    assert.notEqual(recordKey(a), recordKey(b));
    assert.ok(sameRecord(a, { ...a }));
    assert.ok(!sameRecord(a, b));
    const product = { profile: 'dev', region: 'eu-west-1', provisionedProductId: 'pp-1' };
    assert.equal(productKey(product), productKey({ ...product }));
    assert.ok(!sameProduct(product, { ...product, region: 'eu-west-2' }));
  });

  it('read a record reference from outside: checked, trimmed, and nothing else kept', () => {
    assert.deepEqual(readRecordRef({ profile: 'dev', region: 'us-east-1', recordId: ' rec-abc ', origin: { x: 1 }, extra: true }), {
      profile: 'dev',
      region: 'us-east-1',
      recordId: 'rec-abc',
    });
    for (const bad of [undefined, null, 'rec-1', {}, { profile: '', region: 'us-east-1', recordId: 'rec-1' }, { profile: 'dev', region: 'US East', recordId: 'rec-1' }, { profile: 'dev', region: 'us-east-1', recordId: 'rec 1; rm' }, { profile: 'dev', region: 'us-east-1', recordId: 'r'.repeat(101) }]) {
      assert.equal(readRecordRef(bad), undefined, JSON.stringify(bad));
    }
  });

  it('recognise the items of the view by the product target they carry', () => {
    assert.ok(isProductItem({ productTarget: { profile: 'dev', region: 'us-east-1', provisionedProductId: 'pp-1' } }));
    assert.ok(!isProductItem({ target: { profile: 'dev' } }));
    assert.ok(!isProductItem({ productTarget: 'pp-1' }));
    assert.ok(!isProductItem(undefined));
  });
});
