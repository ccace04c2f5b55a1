import * as assert from 'node:assert/strict';
import { withoutIcons, withoutLinks } from '../../../src/platform/plainText';

describe('text from AWS in VS Code UI', () => {
  it('breaks notification link syntax but keeps the words', () => {
    const text = withoutLinks('See [open a terminal](command:workbench.action.terminal.new) and [x] (https://e.com)');
    assert.ok(!/\]\s*\(/.test(text), text);
    assert.equal(text.replace(/\u200b/g, ''), 'See [open a terminal](command:workbench.action.terminal.new) and [x](https://e.com)');
  });

  it('keeps $(icon) syntax from drawing icons in quick picks', () => {
    const text = withoutIcons('$(error) fake $(x');
    assert.ok(!text.includes('$('));
    assert.equal(text.replace(/\u200b/g, ''), '$(error) fake $(x');
  });
});
