import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** A new AWS config file: what it is, in the user's language, and a commented-out SSO profile. */
const configTemplate = (): string => `# ${vscode.l10n.t('AWS shared config file. Each profile is a [profile NAME] section; [default] is the default profile.')}
# ${vscode.l10n.t('Service Catalog Actions shows every profile found here and in the credentials file.')}
# ${vscode.l10n.t('Reference: {0}', 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html')}
#
# [profile my-sso]
# sso_session = my-company
# sso_account_id = 111122223333
# sso_role_name = ServiceCatalogEndUser
# region = us-east-1
#
# [sso-session my-company]
# sso_start_url = https://my-company.awsapps.com/start
# sso_region = us-east-1
`;

/** Opens an AWS file at a line; offers to create it, with a commented example, when it does not exist. */
export async function openAwsConfig(target: string, line?: number): Promise<void> {
  try {
    await fs.access(target);
  } catch {
    const create = vscode.l10n.t('Create It');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('{0} does not exist yet.', target), create);
    if (answer !== create) {
      return;
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, configTemplate(), { flag: 'wx', mode: 0o600 });
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
  const position = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}
