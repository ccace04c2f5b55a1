import { strict as assert } from 'node:assert';
import { AccountFilters, accountMatches } from '../../../src/tree/accountFilters';
import { MemoryStore } from '../support/memoryStore';

const payments = { accountId: '123456789012', accountName: 'Payments Prod' };
const sandbox = { accountId: '210987654321', accountName: 'sandbox' };

describe('account filters of IAM Identity Center sessions', () => {
  it('matches the text in an account’s name, whatever the case, or in its id', () => {
    assert.ok(accountMatches(payments, 'prod'));
    assert.ok(accountMatches(payments, 'PAYMENTS p'));
    assert.ok(accountMatches(payments, '5678'));
    assert.ok(!accountMatches(sandbox, 'prod'));
    assert.ok(!accountMatches(payments, '1234x'));
  });

  it('lets every account through without a filter', () => {
    assert.ok(accountMatches(sandbox, undefined));
    assert.ok(accountMatches(sandbox, ''));
  });

  it('keeps one filter per session, trimmed, in the store, and forgets an empty one', async () => {
    const store = new MemoryStore();
    const filters = new AccountFilters(store);
    await filters.set('acme-sso', '  prod ');
    await filters.set('other', '1234');
    assert.equal(filters.get('acme-sso'), 'prod');
    assert.equal(filters.size, 2);
    assert.equal(new AccountFilters(store.snapshot()).get('other'), '1234', 'a new window reads what was kept');
    await filters.set('other', '   ');
    assert.equal(filters.get('other'), undefined);
    assert.equal(filters.size, 1);
    await filters.set('acme-sso', undefined);
    assert.equal(filters.size, 0);
  });

  it('clears every session’s filter at once', async () => {
    const filters = new AccountFilters(new MemoryStore());
    await filters.set('a', 'x');
    await filters.set('b', 'y');
    await filters.clear();
    assert.equal(filters.size, 0);
    assert.equal(filters.get('a'), undefined);
  });
});
