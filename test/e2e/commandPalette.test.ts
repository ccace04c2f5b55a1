import * as assert from 'node:assert/strict';
import { workbench } from './support/session';
import { step } from './support/steps';

describe('Command palette', () => {
  it('lists the Service Catalog commands', async () => {
    const ui = workbench();
    await step('type the category in the palette', async () => {
      await ui.openCommandPalette('Service Catalog:');
      await ui.waitForQuickPickItem('Service Catalog: Execute Service Action');
    });
    const commands = await ui.quickPickItems();
    assert.ok(commands.includes('Service Catalog: Execute Service Action'), `palette shows: ${commands.join(' | ')}`);
  });

  it('runs "Service Catalog: Execute Service Action" and the extension answers', async () => {
    const ui = workbench();
    await step('run the command', () => ui.runCommand('Service Catalog: Execute Service Action'));
    // The first step of the wizard (a quick pick) or a notification: either way the extension answered.
    const answer = await step('see the answer', () =>
      Promise.any([
        ui.waitForQuickInput(15_000).then((title) => `quick input "${title}"`),
        ui.waitForNotification(/./, 15_000).then(async (toast) => `notification "${await toast.innerText()}"`),
      ]),
    );
    assert.ok(answer.length > 0);
  });
});
