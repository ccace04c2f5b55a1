import { config as configureL10n } from '@vscode/l10n';
import * as vscode from 'vscode';
import { AwsContext } from './aws/awsContext';
import { SecretRedactor } from './aws/secrets';
import { registerExecuteServiceAction, type ExecutePart } from './execute/registerExecuteServiceAction';
import { promptForMfaCode } from './platform/vscode/mfaPrompt';
import { createOutputChannelLogger } from './platform/vscode/outputChannelLogger';
import { Settings, type SettingName } from './catalog/settings';
import { configurationSection } from './platform/vscode/configuration';
import { registerRecords, type RecordsPart } from './records/registerRecords';
import { registerSandbox, type SandboxPart } from './sandbox/registerSandbox';
import type { ProvisionedProductsProvider } from './tree/provisionedProductsProvider';
import { registerProvisionedProductsView } from './tree/registerProvisionedProductsView';
import { registerWalkthrough } from './walkthrough/registerWalkthrough';

/** What `activate` returns: for tests and for other extensions that want to read what the view shows. */
export interface ServiceCatalogExtensionApi {
  tree: ProvisionedProductsProvider;
  records: RecordsPart;
  execute: ExecutePart;
  sandbox: SandboxPart;
}

export function activate(context: vscode.ExtensionContext): ServiceCatalogExtensionApi {
  // The vscode-free modules translate with @vscode/l10n's t(): the same bundle VS Code loaded for the display language.
  if (vscode.l10n.bundle) configureL10n({ contents: vscode.l10n.bundle });
  const redactor = new SecretRedactor();
  const log = createOutputChannelLogger('Service Catalog', (text) => redactor.redact(text));
  const settings = new Settings(configurationSection<SettingName>('serviceCatalog'), vscode.env.language);
  const aws = new AwsContext({ askMfaCode: promptForMfaCode, acceptLanguage: () => settings.acceptLanguage, redactor });
  context.subscriptions.push(log, { dispose: () => aws.dispose() });

  const tree = registerProvisionedProductsView(context, { aws, settings, log });
  const records = registerRecords(context, { aws, settings, log, executeAgain: (args) => execute.run(args) });
  tree.followRecords(records.tracker);

  const execute = registerExecuteServiceAction(context, {
    aws,
    settings,
    log,
    tracker: records.tracker,
    showRecord: records.show,
    estimateDuration: records.estimateDuration,
  });
  const sandbox = registerSandbox(context, { aws, tracker: records.tracker, view: tree.view, log, refreshView: () => tree.provider.reloadProfiles() });
  registerWalkthrough(context, {
    tracker: records.tracker,
    hasSsoProfiles: async () => (await aws.profiles()).profiles.some((profile) => profile.credentialKind === 'sso'),
    onDidChangeAwsFiles: (listener) => aws.onDidChangeFiles(listener),
  });

  // What a reload left to finish, in this order: a sandbox that was on takes over the AWS files before
  // anything reads them; then the records in flight are followed again and interrupted executions completed.
  sandbox.resume();
  records.resume();
  void execute.resumePending();

  return { tree: tree.provider, records, execute, sandbox };
}

export function deactivate(): void {}
