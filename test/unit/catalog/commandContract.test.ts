import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commands, contextKeys, views } from '../../../src/catalog/commands';

const root = path.join(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contractFile = path.join(root, 'src', 'catalog', 'commands.ts');
const typedCommandsFile = path.join(root, 'src', 'platform', 'vscode', 'commands.ts');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** Every `when` clause of the manifest, with where it is. */
function whenClauses(): Array<{ where: string; when: string }> {
  const clauses: Array<{ where: string; when: string }> = [];
  for (const [menu, items] of Object.entries<Array<{ command?: string; when?: string }>>(manifest.contributes.menus ?? {})) {
    for (const item of items) {
      if (item.when) clauses.push({ where: `menus.${menu} (${item.command})`, when: item.when });
    }
  }
  for (const [container, items] of Object.entries<Array<{ id: string; when?: string }>>(manifest.contributes.views ?? {})) {
    for (const item of items) {
      if (item.when) clauses.push({ where: `views.${container}.${item.id}`, when: item.when });
    }
  }
  for (const item of manifest.contributes.viewsWelcome ?? []) {
    if (item.when) clauses.push({ where: `viewsWelcome (${item.view})`, when: item.when });
  }
  for (const item of manifest.contributes.keybindings ?? []) {
    if (item.when) clauses.push({ where: `keybindings (${item.command})`, when: item.when });
  }
  for (const step of walkthroughSteps()) {
    if (step.when) clauses.push({ where: `walkthroughs (${step.id})`, when: step.when });
  }
  return clauses;
}

interface WalkthroughStep {
  id: string;
  when?: string;
  description: string;
  completionEvents?: string[];
}

function walkthroughSteps(): WalkthroughStep[] {
  return (manifest.contributes.walkthroughs ?? []).flatMap((walkthrough: { steps: WalkthroughStep[] }) => walkthrough.steps);
}

const contractIds = Object.values(commands) as string[];
const contributedIds: string[] = manifest.contributes.commands.map((command: { command: string }) => command.command);

describe('the command contract (src/catalog/commands.ts)', () => {
  it('has exactly the commands package.json contributes', () => {
    assert.deepEqual([...contractIds].sort(), [...contributedIds].sort());
  });

  it('names only its own commands in menus, and its own views and context keys in when clauses', () => {
    for (const [menu, items] of Object.entries<Array<{ command: string }>>(manifest.contributes.menus ?? {})) {
      for (const item of items) {
        assert.ok(contractIds.includes(item.command), `menus.${menu} names ${item.command}, which is not in the contract`);
      }
    }
    const known = new Set<string>([...Object.values(views), ...(Object.values(contextKeys) as string[])]);
    for (const { where, when } of whenClauses()) {
      for (const name of when.match(/\bserviceCatalog\.[A-Za-z.]+/g) ?? []) {
        assert.ok(known.has(name), `${where}: "${when}" reads ${name}, which is neither a view nor a context key of the contract`);
      }
    }
  });

  it('completes every walkthrough step with its own commands, views and context keys', () => {
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const steps = walkthroughSteps();
    assert.ok(steps.length >= 5, `the walkthrough has its steps: ${steps.map((step) => step.id).join(', ')}`);
    for (const step of steps) {
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} completes itself (completionEvents), not on a click of its button`);
      for (const event of step.completionEvents ?? []) {
        const [, kind, name] = /^(onCommand|onView|onContext):(.+)$/.exec(event) ?? [];
        if (kind === 'onCommand') assert.ok(contractIds.includes(name), `${step.id}: ${event} names a command outside the contract`);
        else if (kind === 'onView') assert.ok((Object.values(views) as string[]).includes(name), `${step.id}: ${event} names a view outside the contract`);
        else if (kind === 'onContext') assert.ok((Object.values(contextKeys) as string[]).includes(name), `${step.id}: ${event} reads a context key outside the contract`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
      // The step's buttons are command links of its description.
      const description = nls[step.description.replace(/^%|%$/g, '')];
      assert.ok(description, `${step.id}: its description ${step.description} is in package.nls.json`);
      for (const [, command] of description.matchAll(/\(command:([\w.]+)\)/g)) {
        const focusesAView = (Object.values(views) as string[]).some((view) => command === `${view}.focus`);
        assert.ok(contractIds.includes(command) || focusesAView, `${step.id}: its description links ${command}, which is not in the contract`);
      }
    }
  });

  it('is the only place in src/ that spells a command id or a context key', () => {
    const spelled = [...contractIds, ...(Object.values(contextKeys) as string[])];
    for (const file of sources(path.join(root, 'src')).filter((candidate) => candidate !== contractFile)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const id of spelled) {
        assert.ok(!new RegExp(`['"\`]${id.replace(/\./g, '\\.')}['"\`]`).test(text), `${path.relative(root, file)} spells ${id} instead of using the contract`);
      }
    }
  });

  it('is how src/ registers, runs and links commands and sets context keys: through the typed wrappers only', () => {
    for (const file of sources(path.join(root, 'src')).filter((candidate) => candidate !== typedCommandsFile)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const call of ['commands.registerCommand(', 'commands.executeCommand(', "'setContext'"]) {
        assert.ok(!text.includes(call), `${path.relative(root, file)} calls ${call} directly: use platform/vscode/commands.ts with an id of the contract`);
      }
    }
  });
});
