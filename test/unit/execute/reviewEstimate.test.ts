import * as assert from 'node:assert/strict';
import type { DurationQuery } from '../../../src/catalog/durations';
import { readExecuteRequest } from '../../../src/catalog/executeArguments';
import { AwsCatalogSource } from '../../../src/execute/wizard/catalogSource';
import { ChoiceMemory } from '../../../src/execute/wizard/choiceMemory';
import { runExecuteWizard } from '../../../src/execute/wizard/executeWizard';
import { DurationEstimator } from '../../../src/records/estimates/durationEstimator';
import { ESTIMATES_SEED_PATH } from '../../fixtures/seeds';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';
import { MemoryStore } from '../support/memoryStore';
import { ScriptedQuickInput } from './scriptedQuickInput';

/** The review of Execute Service Action says how long the action usually takes, from the estimate the records feature gives it. */
describe('Execute Service Action review: how long the action usually takes', function () {
  this.timeout(30_000);
  let fixture: EmulatorFixture;

  before(async () => {
    fixture = await startEmulatorFixture({ seed: ESTIMATES_SEED_PATH });
  });
  after(() => fixture.stop());
  beforeEach(() => fixture.emulator.reset());

  async function review(serviceActionId: string, provisionedProductId: string, estimateDuration?: (query: DurationQuery) => ReturnType<DurationEstimator['estimate']>) {
    const aws = fixture.context();
    const ui = new ScriptedQuickInput(['accept']);
    const result = await runExecuteWizard(
      readExecuteRequest({ profile: 'main-alice', region: 'us-east-1', provisionedProductId, serviceActionId, parameters: {}, review: true }),
      {
        ui,
        source: new AwsCatalogSource(aws, { regions: [], profiles: [], accessLevel: 'User' }),
        memory: new ChoiceMemory(new MemoryStore()),
        redactor: fixture.redactor,
        confirmBeforeExecute: true,
        estimateDuration,
      },
    );
    assert.equal(result.kind, 'confirmed', JSON.stringify(result));
    const shown = ui.shown.filter((step) => step.kind === 'pick');
    return shown[shown.length - 1];
  }

  function estimator(): DurationEstimator {
    const aws = fixture.context();
    return new DurationEstimator({ api: (profile, region) => aws.apiFor(profile, region), executions: () => [], accessLevel: () => 'User' });
  }

  it('adds "Usually takes about 40 s (7 earlier runs)" under the action when the earlier runs say', async () => {
    const durations = estimator();
    const asked: DurationQuery[] = [];
    const step = await review('act-reindex000001', 'pp-alice0index001', (query) => (asked.push(query), durations.estimate(query)));
    const labels = step.items?.map((item) => item.label) ?? [];
    assert.match(labels[2] ?? '', /^Usually takes about (3[5-9]|4[0-5]) s \(7 earlier runs\)$/, labels.join('\n'));
    assert.deepEqual(labels.slice(0, 2), ['Execute Rebuild-Index', 'Action: Rebuild-Index']);
    assert.ok(step.itemsBeforeRefresh?.every((item) => !item.label.startsWith('Usually')), 'the review shows at once, the estimate joins it');
    assert.deepEqual(asked.at(-1), { profile: 'main-alice', region: 'us-east-1', productId: 'prod-indexer00001', provisioningArtifactId: 'pa-indexv10000001', serviceActionId: 'act-reindex000001' });
  });

  it('says nothing when the earlier runs cannot be told to be this action, or the estimate fails', async () => {
    const durations = estimator();
    const compact = await review('act-compact000001', 'pp-alice0index003', (query) => durations.estimate(query));
    assert.ok(compact.items?.every((item) => !/Usually|earlier runs/.test(item.label)), compact.items?.map((item) => item.label).join('\n'));
    const failing = await review('act-reindex000001', 'pp-alice0index001', () => Promise.reject(new Error('no history')));
    assert.ok(failing.items?.every((item) => !/Usually/.test(item.label)));
    const without = await review('act-reindex000001', 'pp-alice0index001');
    assert.ok(without.items?.every((item) => !/Usually/.test(item.label)));
  });
});
