// Renders media/icon.svg to media/icon.png (128 × 128, the Marketplace's size) in headless Chromium, the
// browser the e2e tests use: `npx tsx scripts/render-icon.ts` after changing the SVG, then recompress it
// losslessly with `zopflipng -m -y media/icon.png media/icon.png` (Debian: zopfli), a third smaller.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from '../tools/chromium';

const media = path.join(__dirname, '..', 'media');

async function main(): Promise<void> {
  const svg = fs.readFileSync(path.join(media, 'icon.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(media, 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
  console.log('media/icon.png written; now run: zopflipng -m -y media/icon.png media/icon.png');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
