import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const executeDir = path.join(__dirname, '..', '..', '..', 'src', 'execute');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

describe('Execute and the record panel', () => {
  it('opens records through the records part’s one showRecordCommand constant, with no fallback of its own', () => {
    for (const file of sources(executeDir)) {
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(!text.includes("'serviceCatalog.showRecord'"), `${path.basename(file)} spells the command id instead of importing showRecordCommand`);
      assert.ok(!text.includes('getCommands('), `${path.basename(file)} checks whether a command exists: the record panel always does`);
    }
  });
});
