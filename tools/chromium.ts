import { chromium, type Browser } from 'playwright-core';
import { checkBrowserPrerequisites, chromiumPath } from './prerequisites';

/** Debian's Chromium, headless, with nothing that reaches for the network on its own. */
export async function launchChromium(options: { headless?: boolean } = {}): Promise<Browser> {
  checkBrowserPrerequisites();
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
