import * as assert from 'node:assert/strict';
import { isAwsConsoleUrl, provisionedProductConsoleUrl } from '../../../src/aws/consoleLinks';

describe('AWS console link', () => {
  it('points at the provisioned product in the console of its region', () => {
    assert.equal(
      provisionedProductConsoleUrl('eu-west-1', 'pp-abc123'),
      'https://eu-west-1.console.aws.amazon.com/servicecatalog/home?region=eu-west-1#/provisioned-products/pp-abc123',
    );
  });

  it('uses the console of the China and GovCloud partitions', () => {
    assert.match(provisionedProductConsoleUrl('cn-north-1', 'pp-1')!, /^https:\/\/cn-north-1\.console\.amazonaws\.cn\//);
    assert.match(provisionedProductConsoleUrl('us-gov-west-1', 'pp-1')!, /^https:\/\/console\.amazonaws-us-gov\.com\//);
  });

  it('gives no link for values that do not look like a region and an id', () => {
    for (const [region, id] of [
      ['eu-west-1', undefined],
      ['eu-west-1', ''],
      ['eu-west-1', 'pp-1/../../evil'],
      ['eu-west-1', 'pp-1#x'],
      ['eu-west-1', '<script>'],
      ['evil.com/', 'pp-1'],
      ['eu-west-1.evil.com', 'pp-1'],
      ['EU-WEST-1', 'pp-1'],
      ['', 'pp-1'],
    ] as const) {
      assert.equal(provisionedProductConsoleUrl(region, id), undefined, `${region} ${id}`);
    }
  });

  it('accepts only https pages of an AWS console', () => {
    assert.ok(isAwsConsoleUrl('https://us-east-1.console.aws.amazon.com/servicecatalog/home'));
    assert.ok(isAwsConsoleUrl('https://console.aws.amazon.com/iam/home'), 'the global console');
    for (const url of [
      'https://xconsole.aws.amazon.com/',
      'https://console.aws.amazon.com.evil.com/',
      'http://us-east-1.console.aws.amazon.com/',
      'https://us-east-1.console.aws.amazon.com.evil.com/',
      'https://evil.com/?https://us-east-1.console.aws.amazon.com/',
      'https://user:pass@us-east-1.console.aws.amazon.com/',
      'https://us-east-1.console.aws.amazon.com:8443/',
      'javascript:alert(1)',
      'command:workbench.action.terminal.new',
      'not a url',
    ]) {
      assert.equal(isAwsConsoleUrl(url), false, url);
    }
  });
});
