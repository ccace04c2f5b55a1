import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionApi } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

/**
 * "Sign In with AWS SSO" runs `aws sso login` in a terminal whose environment is the extension host's,
 * not the one a workspace configures for terminals: a trusted workspace's `terminal.integrated.env.*`
 * must not point the login at other AWS files, another CA bundle or a proxy. An `aws` of the test's own
 * on the PATH records the environment and the arguments it gets.
 */
describe('Security: the SSO login terminal', function () {
  this.timeout(60_000);
  const platformKey = process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'osx' : 'linux';
  let dir: string;
  let pathBefore: string | undefined;

  before(async function () {
    if (process.platform === 'win32') this.skip();
    await extensionApi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-fake-aws-'));
    fs.writeFileSync(
      path.join(dir, 'aws'),
      `#!/bin/sh\nenv > ${JSON.stringify(path.join(dir, 'env'))}\nfor word in "$@"; do printf '%s\\n' "$word"; done > ${JSON.stringify(path.join(dir, 'args'))}\nexit 0\n`,
      { mode: 0o755 },
    );
    pathBefore = process.env.PATH;
    process.env.PATH = `${dir}${path.delimiter}${pathBefore ?? ''}`;
    await vscode.workspace.getConfiguration('terminal.integrated.env').update(
      platformKey,
      { AWS_CONFIG_FILE: '/from/the/workspace/config', AWS_CA_BUNDLE: '/from/the/workspace/ca.pem', HTTPS_PROXY: 'http://proxy.workspace.example:3128' },
      vscode.ConfigurationTarget.Workspace,
    );
  });

  after(async () => {
    if (!dir) return;
    process.env.PATH = pathBefore;
    await vscode.workspace.getConfiguration('terminal.integrated.env').update(platformKey, undefined, vscode.ConfigurationTarget.Workspace);
    for (const terminal of vscode.window.terminals) terminal.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the login with the extension host\'s environment, none of the workspace\'s terminal variables, and the profile as one argument', async () => {
    const signingIn = vscode.commands.executeCommand('serviceCatalog.ssoLogin', 'semi;id');
    const args = () => (fs.existsSync(path.join(dir, 'args')) ? fs.readFileSync(path.join(dir, 'args'), 'utf8').trim().split('\n') : []);
    await waitUntil('the login to record its environment and arguments', () => args().length === 4);
    const env = fs.readFileSync(path.join(dir, 'env'), 'utf8');
    const variables = new Map(env.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    // Each variable the workspace sets is the extension host's own, or absent as it is there.
    for (const name of ['AWS_CONFIG_FILE', 'AWS_CA_BUNDLE', 'HTTPS_PROXY']) {
      assert.equal(variables.get(name), process.env[name], name);
    }
    assert.equal(variables.get('PYTHONUNBUFFERED'), '1', 'the CLI prints its sign-in URL as it goes');
    assert.ok(!env.includes('/from/the/workspace/') && !env.includes('proxy.workspace.example'), env);
    assert.deepEqual(args(), ['sso', 'login', '--profile', 'semi;id']);
    // The login succeeded: its terminal closes by itself, and the command ends.
    await signingIn;
    assert.ok(!vscode.window.terminals.some((terminal) => terminal.name.includes('semi;id')), 'the terminal closed');
  });

  it('signs in to an IAM Identity Center session the same way: its name as one argument after --sso-session', async () => {
    for (const file of ['args', 'env']) fs.rmSync(path.join(dir, file), { force: true });
    const signingIn = vscode.commands.executeCommand('serviceCatalog.ssoLogin', 'sso acme-sso');
    const args = () => (fs.existsSync(path.join(dir, 'args')) ? fs.readFileSync(path.join(dir, 'args'), 'utf8').trim().split('\n') : []);
    await waitUntil('the session login to record its environment and arguments', () => args().length === 4);
    const env = fs.readFileSync(path.join(dir, 'env'), 'utf8');
    assert.ok(!env.includes('/from/the/workspace/') && !env.includes('proxy.workspace.example'), env);
    assert.deepEqual(args(), ['sso', 'login', '--sso-session', 'acme-sso']);
    await signingIn;
    assert.ok(!vscode.window.terminals.some((terminal) => terminal.name.includes('acme-sso')), 'the terminal closed');
  });
});
