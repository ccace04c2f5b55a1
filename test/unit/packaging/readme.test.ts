import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The README's Commands and Settings tables say exactly what package.json contributes, so they cannot drift. */
const root = path.join(__dirname, '..', '..', '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: Array<{ command: string; title: string; category: string }>;
    configuration: { properties: Record<string, { default: unknown }> };
  };
};

/** A manifest string as users read it: `%key%` resolved with package.nls.json. */
function english(value: string): string {
  const key = /^%(.+)%$/.exec(value)?.[1];
  return key === undefined ? value : (nls[key] ?? value);
}

/** The rows of the table between `<!-- name: ... -->` and `<!-- /name -->`. */
function tableRows(name: string): string[][] {
  const start = readme.indexOf(`<!-- ${name}:`);
  const end = readme.indexOf(`<!-- /${name} -->`);
  assert.ok(start >= 0 && end > start, `README.md has the ${name} table between its markers`);
  return readme
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| ') && !/^\| -/.test(line))
    .slice(1) // the header
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim()));
}

describe('README.md', () => {
  it('lists every contributed command, by its palette title, and no other', () => {
    const documented = tableRows('commands').map(([command]) => /^\*\*(.+)\*\*$/.exec(command)?.[1] ?? command);
    const contributed = [...new Set(manifest.contributes.commands.map((command) => `${english(command.category)}: ${english(command.title)}`))];
    assert.deepEqual([...documented].sort(), [...contributed].sort());
  });

  it('lists every setting with its default, and no other', () => {
    const rows = tableRows('settings');
    const documented = Object.fromEntries(rows.map(([key, defaultValue]) => [key.replace(/`/g, ''), defaultValue.replace(/`/g, '')]));
    const contributed = Object.fromEntries(
      Object.entries(manifest.contributes.configuration.properties).map(([key, property]) => [key, JSON.stringify(property.default)]),
    );
    assert.deepEqual(documented, contributed);
  });

  it('shows screenshots that exist in media/', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);
    for (const expected of ['media/screenshots/tree.png', 'media/screenshots/wizard.png', 'media/screenshots/record-panel.png', 'media/screenshots/pinned.png', 'media/screenshots/activity.png', 'media/screenshots/go-to.png']) {
      assert.ok(images.includes(expected), `README.md shows ${expected}`);
    }
    assert.deepEqual(images.filter((image) => !existsSync(path.join(root, image))), []);
  });
});
