import { AwsContext } from '../../../src/aws/awsContext';
import { SecretRedactor } from '../../../src/aws/secrets';
import { startWorkbenchSession, type WorkbenchSession } from '../../runner/session';
import { WorkbenchUi } from '../../../tools/workbenchUi';

/** The e2e suites share one code-server, one browser and one window, started by the root hooks. */
let current: { session: WorkbenchSession; ui: WorkbenchUi } | undefined;

export async function startE2eSession(): Promise<void> {
  const session = await startWorkbenchSession({ name: 'e2e' });
  const ui = new WorkbenchUi(session.page, session.server.logsDir);
  current = { session, ui };
  await ui.waitUntilReady();
}

export async function stopE2eSession(): Promise<void> {
  await current?.session.close();
  current = undefined;
}

/** The e2e session, or undefined when it is not running (it failed to start, or has stopped). */
export function runningE2eSession(): WorkbenchSession | undefined {
  return current?.session;
}

export function e2eSession(): WorkbenchSession {
  if (!current) throw new Error('The e2e session is not running (test/e2e/support/rootHooks.ts starts it).');
  return current.session;
}

/** The VS Code window, as a person uses it. */
export function workbench(): WorkbenchUi {
  if (!current) throw new Error('The e2e session is not running (test/e2e/support/rootHooks.ts starts it).');
  return current.ui;
}

/**
 * The extension's own AWS layer, outside VS Code, on the session's sandbox AWS files: how a suite starts records
 * in the emulator as another client would. Dispose it after the suite.
 */
export function sandboxAwsContext(): AwsContext {
  const { sandbox } = e2eSession();
  return new AwsContext({
    env: { AWS_CONFIG_FILE: sandbox.configFile, AWS_SHARED_CREDENTIALS_FILE: sandbox.credentialsFile },
    askMfaCode: async () => undefined,
    acceptLanguage: () => 'en',
    redactor: new SecretRedactor(),
  });
}
