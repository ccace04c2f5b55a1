import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../runner/paths';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

/** True when package.json puts `command` in `menu` (e.g. 'view/item/context'), so flows can wait for features. */
export function contributesMenuItem(menu: string, command: string): boolean {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes?: { menus?: Record<string, MenuEntry[]> };
  };
  return (manifest.contributes?.menus?.[menu] ?? []).some((entry) => entry.command === command && entry.when !== 'false');
}
