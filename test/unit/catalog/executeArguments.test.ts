import * as assert from 'node:assert/strict';
import { readExecuteRequest } from '../../../src/catalog/executeArguments';

const node = (id: string, profile = 'main-alice', region = 'us-east-1') => ({
  id: `tree/${id}`,
  productTarget: { profile, region, provisionedProductId: id, product: { Id: id, Name: `name-${id}` } },
});

describe('command arguments', () => {
  it('asks everything when called from the palette', () => {
    assert.deepEqual(readExecuteRequest(undefined), { targets: [], review: false });
  });

  it('takes the product of a tree node', () => {
    const request = readExecuteRequest(node('pp-1'));
    assert.equal(request.profile, 'main-alice');
    assert.equal(request.region, 'us-east-1');
    assert.deepEqual(request.targets.map((target) => target.provisionedProductId), ['pp-1']);
    assert.equal(request.targets[0].product?.Name, 'name-pp-1');
  });

  it('takes every selected node when the clicked one is part of the selection, once each', () => {
    const clicked = node('pp-2');
    const request = readExecuteRequest(clicked, [node('pp-1'), clicked, node('pp-3'), node('pp-1')]);
    assert.deepEqual(request.targets.map((target) => target.provisionedProductId), ['pp-1', 'pp-2', 'pp-3']);
  });

  it('takes only the clicked node when it is outside the selection', () => {
    const request = readExecuteRequest(node('pp-9'), [node('pp-1'), node('pp-2')]);
    assert.deepEqual(request.targets.map((target) => target.provisionedProductId), ['pp-9']);
  });

  it('takes programmatic arguments', () => {
    const request = readExecuteRequest({
      profile: 'main-alice',
      region: 'us-east-1',
      provisionedProductId: 'pp-alice00000001',
      serviceActionId: 'act-rotate0000001',
      parameters: { Reason: ['test'] },
      review: true,
    });
    assert.deepEqual(request, {
      profile: 'main-alice',
      region: 'us-east-1',
      targets: [{ profile: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000001' }],
      serviceActionId: 'act-rotate0000001',
      parameters: { Reason: ['test'] },
      review: true,
    });
  });

  it('takes a profile alone', () => {
    assert.deepEqual(readExecuteRequest({ profile: 'main-bob' }), {
      profile: 'main-bob',
      region: undefined,
      targets: [],
      serviceActionId: undefined,
      parameters: undefined,
      review: false,
    });
  });

  it('says clearly what is wrong', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['pp-1', /Expected an object/],
      [{ profile: 3 }, /"profile" must be a non-empty string, got 3/],
      [{ profile: 'a', region: 'Mars' }, /"region" must be a region name such as us-east-1, got "Mars"/],
      [{ profile: 'a', region: 'us-east-1', provisionedProductId: 'pp 1' }, /"provisionedProductId" must be an id/],
      [{ provisionedProductId: 'pp-1' }, /"provisionedProductId" needs "profile" and "region"/],
      [{ region: 'us-east-1' }, /"region" needs "profile"/],
      [{ profile: 'a', region: 'us-east-1', provisionedProductId: 'pp-1', parameters: { X: ['1'] } }, /"parameters" needs "serviceActionId"/],
      [{ profile: 'a', actionId: 'act-1' }, /unknown argument "actionId"; the arguments are profile, region, provisionedProductId, serviceActionId, parameters, review/],
      [{ profile: 'a', review: 'yes' }, /"review" must be true or false/],
      [{ productTarget: 'pp-1' }, /the selected item is not a provisioned product/],
      [{ productTarget: { profile: 'a', region: 'us-east-1' } }, /"provisionedProductId" must be a non-empty string, got nothing/],
    ];
    for (const [args, expected] of cases) {
      assert.throws(() => readExecuteRequest(args), (error: Error) => {
        assert.match(error.message, /^Execute Service Action was called with arguments it cannot use: /);
        assert.match(error.message, expected);
        return true;
      });
    }
  });
});
