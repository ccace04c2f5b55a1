import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, extensionId, getExtension } from './helpers/extension';
import { startupCalls } from './helpers/startupCalls';
import { emulatorEndpoint } from './testEnvironment';

describe('Activation', () => {
  it('loads the extension under development', () => {
    const extension = getExtension();
    assert.equal(extension.id, extensionId);
    assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
  });

  it('activates without error', async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
  });
});

describe('Nothing contacted until needed (emulator counters, recorded before any suite ran)', () => {
  it('activation calls nothing: no Service Catalog, STS or IAM Identity Center call', () => {
    const recorded = startupCalls();
    assert.ok(recorded?.afterActivation, `the mocha entry recorded the counters at startup: ${recorded?.error ?? 'nothing recorded'}`);
    assert.equal(recorded.afterActivation.totalCalls, 0, JSON.stringify(recorded.afterActivation.calls));
  });

  it('opening the view asks only the portal for each signed-in session’s accounts: no Service Catalog call', () => {
    const recorded = startupCalls();
    assert.ok(recorded?.afterActivation && recorded.afterOpeningTheView, `the view was observed at startup: ${recorded?.error ?? 'nothing recorded'}`);
    const before = recorded.afterActivation.calls;
    const delta = Object.fromEntries(
      Object.entries(recorded.afterOpeningTheView.calls)
        .map(([operation, count]) => [operation, count - (before[operation] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );
    // acme-sso's token is valid: one ListAccounts (its accounts fit one page); acme-expired's is expired in the cache: nothing is sent.
    assert.deepEqual(delta, { 'sso:ListAccounts': 1 });
  });
});

describe('Test environment of the extension host', () => {
  it('points the AWS SDK at the sandbox config, not the machine’s ~/.aws', () => {
    const configFile = process.env.AWS_CONFIG_FILE;
    const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE;
    assert.ok(configFile && fs.existsSync(configFile), `AWS_CONFIG_FILE should name an existing file: ${configFile}`);
    assert.ok(credentialsFile && fs.existsSync(credentialsFile), 'AWS_SHARED_CREDENTIALS_FILE should name an existing file');
    assert.ok(fs.readFileSync(configFile, 'utf8').includes(emulatorEndpoint()), 'the config should carry the emulator endpoint');
    assert.ok(!configFile.startsWith(path.join(os.homedir(), '.aws')), 'the config should not be the machine’s ~/.aws');
    // No AWS_PROFILE of the developer's: the runner's own names a sandbox profile, the base of the discovered IAM
    // Identity Center roles' endpoints (as the SDK's for a client without a profile), and the portal is the emulator.
    assert.ok(process.env.AWS_PROFILE && fs.readFileSync(configFile, 'utf8').includes(`[profile ${process.env.AWS_PROFILE}]`), `AWS_PROFILE ${process.env.AWS_PROFILE}`);
    assert.equal(process.env.AWS_ENDPOINT_URL_SSO, emulatorEndpoint());
    assert.equal(process.env.AWS_ACCESS_KEY_ID, undefined);
  });

  it('reaches the emulator named by SERVICE_CATALOG_TEST_EMULATOR', async () => {
    const response = await fetch(new URL('/_emulator/health', emulatorEndpoint()));
    assert.equal(response.status, 200);
  });
});
