import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../../tools/paths';
import { e2eResultsDir } from './steps';

/**
 * Where an e2e test saves a screenshot the README shows. A normal run writes it under test-results/ and leaves
 * the tracked images alone; `npm run screenshots` (SERVICE_CATALOG_UPDATE_SCREENSHOTS=1) writes media/screenshots/.
 */
export function readmeScreenshotPath(name: 'tree' | 'wizard' | 'record-panel' | 'pinned' | 'activity' | 'go-to'): string {
  const dir =
    process.env.SERVICE_CATALOG_UPDATE_SCREENSHOTS === '1' ? path.join(repoRoot, 'media', 'screenshots') : path.join(e2eResultsDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
