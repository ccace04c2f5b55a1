import { config as configureL10n } from '@vscode/l10n';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AwsContext } from './aws/awsContext';
import { CallLimiter } from './aws/callLimiter';
import { IdentityCenterDirectory } from './catalog/identityCenterDirectory';
import { ListingCache } from './catalog/listingCache';
import { DiskCache } from './platform/diskCache';
import { DirectoryFileStore } from './platform/fileStore';
import { SecretRedactor } from './aws/secrets';
import { registerExecuteServiceAction, type ExecutePart } from './execute/registerExecuteServiceAction';
import { promptForMfaCode } from './platform/vscode/mfaPrompt';
import { createOutputChannelLogger } from './platform/vscode/outputChannelLogger';
import { Settings, type SettingName } from './catalog/settings';
import { configurationSection } from './platform/vscode/configuration';
import { registerRecords, type RecordsPart } from './records/registerRecords';
import { registerSandbox, type SandboxPart } from './sandbox/registerSandbox';
import { registerGoToProduct, type GoToProductPart } from './search/registerGoToProduct';
import type { ProvisionedProductsProvider } from './tree/provisionedProductsProvider';
import { registerProvisionedProductsView } from './tree/registerProvisionedProductsView';
import { registerWalkthrough } from './walkthrough/registerWalkthrough';

/** What `activate` returns: for tests and for other extensions that want to read what the view shows. */
export interface ServiceCatalogExtensionApi {
  tree: ProvisionedProductsProvider;
  records: RecordsPart;
  execute: ExecutePart;
  sandbox: SandboxPart;
  /** Go to Provisioned Product's quick pick. */
  goTo: GoToProductPart;
  /** The gate of every AWS call, the listings kept on disk, and IAM Identity Center's accounts and roles. */
  aws: { limiter: CallLimiter; listingCache: ListingCache; identityCenter: IdentityCenterDirectory };
}

export function activate(context: vscode.ExtensionContext): ServiceCatalogExtensionApi {
  // The vscode-free modules translate with @vscode/l10n's t(): the same bundle VS Code loaded for the display language.
  if (vscode.l10n.bundle) configureL10n({ contents: vscode.l10n.bundle });
  const redactor = new SecretRedactor();
  const log = createOutputChannelLogger('Service Catalog', (text) => redactor.redact(text));
  const settings = new Settings(configurationSection<SettingName>('serviceCatalog'), vscode.env.language);
  const storage = context.globalStorageUri.fsPath;
  const limiter = new CallLimiter(settings.maxConcurrentRequests);
  const aws = new AwsContext({ askMfaCode: promptForMfaCode, acceptLanguage: () => settings.acceptLanguage, redactor, limiter, storageDir: path.join(storage, 'aws') });
  const cache = new ListingCache(new DiskCache(new DirectoryFileStore(path.join(storage, 'listings')), { maxBytes: listingCacheBytes }), () => aws.paths.config, settings.cacheListings);
  const directory = new IdentityCenterDirectory({ portal: (source) => aws.portal(source), cache, redactor, log });
  context.subscriptions.push(log, { dispose: () => aws.dispose() }, directory, followSettings(settings, limiter, cache));

  const tree = registerProvisionedProductsView(context, { aws, settings, log, directory, cache });
  const records = registerRecords(context, { aws, settings, log, executeAgain: (args) => execute.run(args), revealProduct: tree.revealProduct });
  tree.followRecords(records.tracker);

  const execute = registerExecuteServiceAction(context, {
    aws,
    settings,
    log,
    tracker: records.tracker,
    showRecord: records.show,
    estimateDuration: records.estimateDuration,
    directory,
  });
  const sandbox = registerSandbox(context, { aws, tracker: records.tracker, view: tree.view, log, refreshView: () => tree.provider.reloadProfiles() });
  const goTo = registerGoToProduct(context, { finder: tree.finder, redactor, log });
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

  return { tree: tree.provider, records, execute, sandbox, goTo, aws: { limiter, listingCache: cache, identityCenter: directory } };
}

export function deactivate(): void {}

/** What the listings kept on disk may take in all (the oldest go first). */
const listingCacheBytes = 32 * 1024 * 1024;

/** The limiter and the disk cache follow their settings without a reload; a cache turned off keeps nothing. */
function followSettings(settings: Settings, limiter: CallLimiter, cache: ListingCache): vscode.Disposable {
  if (!settings.cacheListings) void cache.setEnabled(false);
  return settings.onDidChange((changed) => {
    if (changed('maxConcurrentRequests')) limiter.setLimit(settings.maxConcurrentRequests);
    if (changed('cacheListings')) void cache.setEnabled(settings.cacheListings);
  });
}
