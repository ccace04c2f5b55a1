import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { config as configureL10n } from '@vscode/l10n';
import { explainRecordError, recordErrorKinds, type RecordErrorKind } from '../../../src/catalog/recordErrors';
import { loadSeed } from '../../../src/emulator';
import { ESTIMATES_SEED_PATH } from '../../fixtures/seeds';

/** One real-looking record error per documented message: what Service Catalog or Systems Manager writes, around the part that identifies it. */
const samples: Record<RecordErrorKind, { code: string; description: string }> = {
  'internal-failure': { code: 'InternalFailure', description: 'Internal failure. Please try again later.' },
  throttled: {
    code: 'ThrottlingException',
    description: 'An error occurred (ThrottlingException) when calling the StartAutomationExecution operation (reached max retries: 4): Rate exceeded',
  },
  'assume-role-denied': { code: 'AccessDenied', description: 'Access denied while assuming the role arn:aws:iam::123456789012:role/SC-LaunchRole-Web.' },
  'role-credentials-failed': { code: 'CredentialsError', description: 'Failed to retrieve credentials for role arn:aws:iam::123456789012:role/SCActionRole' },
  'assume-role-unusable': {
    code: 'InvalidAutomationExecutionParametersException',
    description:
      'The defined assume role is unable to be assumed. (Service: AWSSimpleSystemsManagement; Status Code: 400; Error Code: InvalidAutomationExecutionParametersException; Request ID: 1a2b3c4d-0000-4e5f-8a9b-0c1d2e3f4a5b)',
  },
  'pass-role-denied': {
    code: 'AccessDeniedException',
    description:
      'User: arn:aws:sts::123456789012:assumed-role/SC-LaunchRole-Web/ServiceCatalog is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/AutomationServiceRole (Service: AWSSimpleSystemsManagement; Status Code: 400; Error Code: AccessDeniedException)',
  },
  'start-automation-denied': {
    code: 'AccessDeniedException',
    description:
      'An error occurred (AccessDeniedException) when calling the StartAutomationExecution operation: User: arn:aws:sts::123456789012:assumed-role/SC-LaunchRole-Web/ServiceCatalog is not authorized to perform: ssm:StartAutomationExecution on resource: arn:aws:ssm:us-east-1:123456789012:automation-definition/AWS-RestartEC2Instance:$DEFAULT',
  },
  'document-unavailable': { code: 'InvalidDocument', description: 'Document with that name does not exist: Acme-RestartWorkers' },
  'target-type-undefined': { code: 'InvalidDocument', description: 'TargetType not defined for SSM Automation document Acme-FlushCache.' },
  'target-type-not-found': { code: 'InvalidParameters', description: 'Cannot find any resources with type AWS::RDS::DBInstance in provisioned product pp-4fw2ypdjvbf6k.' },
  'target-not-in-product': {
    code: 'InvalidParameters',
    description: 'The following values for the parameter InstanceId are not allowed because they are not in the provisioned product: i-0123456789abcdef0',
  },
  'parameter-value-not-allowed': { code: 'InvalidParameters', description: 'Parameter "InstanceType" has value "t9.nano" not found in {t3.micro, t3.small}.' },
  'parameter-wrong-type': { code: 'InvalidParameters', description: 'Parameter type error. The value supplied for DesiredCount is not a valid integer.' },
  'parameter-not-defined': { code: 'InvalidParameters', description: 'Parameter Force is not defined in service action definition.' },
  'step-timed-out': {
    code: 'AutomationStepFailed',
    description: 'Step timed out while step is verifying launched instance(s) are ready to be used. Please refer to Automation Service Troubleshooting Guide for more diagnosis details.',
  },
  'step-not-authorized': {
    code: 'AutomationStepFailed',
    description:
      'Automation Step Execution fails when it is launching the instance(s). Get Exception from RunInstances API of ec2 Service. Exception Message from RunInstances API: [You are not authorized to perform this operation. Encoded authorization failure message: Zm9v (Service: AmazonEC2; Status Code: 403; Error Code: UnauthorizedOperation; Request ID: 6c1e2f3a-0000-4d6e-8f9a-0b1c2d3e4f5a)]. Please refer to Automation Service Troubleshooting Guide for more diagnosis details.',
  },
  'automation-step-failed': {
    code: 'AutomationStepFailed',
    description:
      "Step fails when it is executing action restartService. Exception Message from aws:executeScript: Service 'search' did not become healthy within 300 seconds. Please refer to Automation Service Troubleshooting Guide for more diagnosis details.",
  },
};

describe('Record errors explained from the documentation', () => {
  for (const kind of recordErrorKinds) {
    it(`explains ${kind}`, () => {
      const explanation = explainRecordError(samples[kind]);
      assert.equal(explanation?.kind, kind);
      assert.ok(explanation.cause.length > 20 && !explanation.cause.includes('\n'), `one line: ${explanation.cause}`);
      assert.ok(explanation.fix.length > 20, explanation.fix);
    });
  }

  it('names the resource type the product lacks', () => {
    assert.match(explainRecordError(samples['target-type-not-found'])!.cause, /\(AWS::RDS::DBInstance\)/);
  });

  it('matches the documented text whatever the case and the code around it', () => {
    assert.equal(explainRecordError({ code: '', description: 'TARGETTYPE NOT DEFINED for ssm automation document X' })?.kind, 'target-type-undefined');
    assert.equal(explainRecordError({ code: 'ThrottlingException', description: '' })?.kind, 'throttled');
    assert.equal(explainRecordError({ description: 'Step fails when it is cancelling action stop.' })?.kind, 'automation-step-failed');
  });

  it('explains nothing it does not know, and reads only the start of a huge text', () => {
    assert.equal(explainRecordError({ code: 'AutomationStepFailed', description: 'Step rotateSecret failed: AccessDenied on secretsmanager:RotateSecret for i-0alice02' }), undefined);
    assert.equal(explainRecordError({ code: 'RollbackComplete', description: 'The previous version is current again' }), undefined);
    assert.equal(explainRecordError({}), undefined);
    assert.equal(explainRecordError({ description: `${'x'.repeat(10_000)} Rate exceeded` }), undefined);
    assert.equal(explainRecordError({ description: `Parameter has value ${'a'.repeat(100_000)} not found in {a}` }), undefined, 'the message starts beyond what is read');
  });

  it('explains in Japanese and Chinese with the bundle @vscode/l10n is configured with', () => {
    const bundle = (locale: string) => JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', `bundle.l10n.${locale}.json`), 'utf8')) as Record<string, string>;
    try {
      configureL10n({ contents: bundle('ja') });
      assert.equal(explainRecordError(samples['target-type-not-found'])?.cause, 'プロビジョニングされた製品に、アクションの対象となるタイプ (AWS::RDS::DBInstance) のリソースがありません。');
      configureL10n({ contents: bundle('zh-cn') });
      assert.equal(explainRecordError(samples.throttled)?.fix, '请等待一两分钟，然后再次运行该操作。');
    } finally {
      configureL10n({ contents: {} });
    }
  });

  it('has a failed record for each kind in the emulator seed of estimates and explained errors', () => {
    const seed = loadSeed(ESTIMATES_SEED_PATH);
    const seen = new Set((seed.records ?? []).flatMap((record) => (record.errors ?? []).map((error) => explainRecordError(error)?.kind)));
    assert.deepEqual(recordErrorKinds.filter((kind) => !seen.has(kind)), []);
  });
});
