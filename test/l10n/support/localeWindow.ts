import * as fs from 'node:fs';
import * as path from 'node:path';
import { suiteResultsDir } from '../../../tools/paths';
import { WorkbenchUi } from '../../../tools/workbenchUi';
import { keepFailureArtifacts } from '../../e2e/support/failureArtifacts';
import { startWorkbenchSession, type WorkbenchSession } from '../../runner/session';

export interface LocaleWindow {
  ui(): WorkbenchUi;
  session(): WorkbenchSession;
}

/**
 * The mocha hooks of a suite that drives a VS Code window whose display language is `locale`: code-server with
 * `--locale`, a browser asking for that language and a stand-in language pack, against the sandbox's emulator.
 * Failures keep their screenshots and logs under the l10n results, one folder per language.
 */
export function inLocaleWindow(locale: string): LocaleWindow {
  const resultsDir = path.join(suiteResultsDir('l10n'), locale);
  let session: WorkbenchSession | undefined;
  let ui: WorkbenchUi | undefined;

  before(async function () {
    this.timeout(20 * 60_000); // the first run installs code-server
    fs.rmSync(resultsDir, { recursive: true, force: true });
    session = await startWorkbenchSession({ name: `l10n-${locale}`, locale });
    ui = new WorkbenchUi(session.page, session.server.logsDir);
    await ui.waitUntilReady();
  });

  const artifacts = keepFailureArtifacts(resultsDir, () => session);

  after(async function () {
    this.timeout(60_000);
    await artifacts.afterSuite(this);
    await session?.close();
  });

  return {
    ui: () => ui ?? assertStarted(),
    session: () => session ?? assertStarted(),
  };
}

function assertStarted(): never {
  throw new Error('The locale window is used before its suite started it');
}

