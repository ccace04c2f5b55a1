import * as assert from 'node:assert/strict';
import { isAwsConsoleUrl } from '../../../src/aws/consoleLinks';
import { outputConsoleUrl } from '../../../src/aws/resourceConsoleLinks';

describe('AWS console links of record outputs', () => {
  it("opens the resource an ARN names, in the console of the ARN's region", () => {
    const cases: Array<[string, string]> = [
      ['arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc', 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0abc'],
      ['arn:aws:rds:us-east-1:123456789012:db:orders-db', 'https://us-east-1.console.aws.amazon.com/rds/home?region=us-east-1#database:id=orders-db;is-cluster=false'],
      ['arn:aws:rds:us-east-1:123456789012:cluster:orders', 'https://us-east-1.console.aws.amazon.com/rds/home?region=us-east-1#database:id=orders;is-cluster=true'],
      ['arn:aws:lambda:us-east-1:123456789012:function:rotate:PROD', 'https://us-east-1.console.aws.amazon.com/lambda/home?region=us-east-1#/functions/rotate'],
      ['arn:aws:ecs:us-east-1:123456789012:service/apps/search', 'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/apps/services/search?region=us-east-1'],
      ['arn:aws:dynamodb:us-east-1:123456789012:table/orders', 'https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#table?name=orders'],
      ['arn:aws:ssm:us-east-1:123456789012:automation-execution/4f4b2c3a-1111-4e5f-8a9b-0c1d2e3f4a5b', 'https://us-east-1.console.aws.amazon.com/systems-manager/automation/execution/4f4b2c3a-1111-4e5f-8a9b-0c1d2e3f4a5b?region=us-east-1'],
      ['arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/db-password-AbC123', 'https://us-east-1.console.aws.amazon.com/secretsmanager/secret?name=payments%2Fdb-password&region=us-east-1'],
      ['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'https://us-east-1.console.aws.amazon.com/kms/home?region=us-east-1#/kms/keys/1234abcd-12ab-34cd-56ef-1234567890ab'],
      ['arn:aws:servicecatalog:us-east-1:123456789012:stack/web-01/pp-abc123', 'https://us-east-1.console.aws.amazon.com/servicecatalog/home?region=us-east-1#/provisioned-products/pp-abc123'],
      ['arn:aws:iam::123456789012:role/service/SCLaunchRole', 'https://console.aws.amazon.com/iam/home#/roles/details/SCLaunchRole'],
      ['arn:aws:ec2:cn-north-1:123456789012:instance/i-1', 'https://cn-north-1.console.amazonaws.cn/ec2/home?region=cn-north-1#InstanceDetails:instanceId=i-1'],
    ];
    for (const [arn, url] of cases) {
      assert.equal(outputConsoleUrl(arn, 'us-east-1'), url, arn);
    }
    const stack = 'arn:aws:cloudformation:us-east-1:123456789012:stack/SC-123-pp-1/0000-1';
    assert.equal(outputConsoleUrl(stack, 'us-east-1'), `https://us-east-1.console.aws.amazon.com/cloudformation/home?region=us-east-1#/stacks/stackinfo?stackId=${encodeURIComponent(stack)}`);
  });

  it("uses the record's region for ARNs without one (S3)", () => {
    assert.equal(outputConsoleUrl('arn:aws:s3:::acme-audit', 'eu-west-1'), 'https://s3.console.aws.amazon.com/s3/buckets/acme-audit?region=eu-west-1');
    assert.equal(outputConsoleUrl('arn:aws:s3:::acme-audit/2024/01/a b.json', 'eu-west-1'), 'https://s3.console.aws.amazon.com/s3/object/acme-audit?region=eu-west-1&prefix=2024%2F01%2Fa%20b.json');
  });

  it('opens an AWS console URL as it is, and no other URL', () => {
    const dashboard = 'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=search';
    assert.equal(outputConsoleUrl(dashboard, 'us-east-1'), dashboard);
    assert.equal(outputConsoleUrl('https://console.aws.amazon.com/ec2/home', 'us-east-1'), 'https://console.aws.amazon.com/ec2/home');
    for (const value of [
      'https://reports.example.com/index',
      'https://us-east-1.console.aws.amazon.com.evil.com/',
      'https://evil.com/#https://us-east-1.console.aws.amazon.com/',
      'http://us-east-1.console.aws.amazon.com/ec2/home',
      'javascript:alert(1)',
      'command:workbench.action.terminal.new',
      's3://acme-audit/2024/audit.json.gz',
      '1843221',
    ]) {
      assert.equal(outputConsoleUrl(value, 'us-east-1'), undefined, value);
    }
  });

  it('gives nothing for ARNs of services it does not know or that do not parse, and keeps every id inside its URL', () => {
    for (const value of [
      'arn:aws:example:us-east-1:123456789012:thing/1',
      'arn:aws:ec2:evil.com:123456789012:instance/i-1',
      'arn:aws:ec2:us-east-1:12345:instance/i-1',
      'arn:other:ec2:us-east-1:123456789012:instance/i-1',
      'arn:aws:s3:::Not_A_Bucket',
      'arn:aws-cn:s3:::bucket',
    ]) {
      assert.equal(outputConsoleUrl(value, 'us-east-1'), undefined, value);
    }
    const sneaky = outputConsoleUrl('arn:aws:ec2:us-east-1:123456789012:instance/i-1#@evil.com/x?y', 'us-east-1')!;
    assert.ok(isAwsConsoleUrl(sneaky), sneaky);
    assert.equal(new URL(sneaky).hostname, 'us-east-1.console.aws.amazon.com');
    assert.match(sneaky, /instanceId=i-1%23%40evil\.com%2Fx%3Fy$/);
  });
});
