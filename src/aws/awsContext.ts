import { t } from '@vscode/l10n';
import { ServiceCatalogClientPool, type ClientPoolOptions } from './clientPool';
import { configFilePaths, readAwsConfigFiles, yieldToEventLoop, type AwsFiles, type Environment } from './configFiles';
import { CredentialProcessRunner } from './credentialProcess';
import { watchConfigFiles } from './configWatcher';
import type { MfaCodePrompt } from './credentials';
import { listProfilesInSteps, mergeSections, type AwsProfile, type ProfileCatalog } from './profiles';
import type { SecretRedactor } from './secrets';
import { ServiceCatalogApi, type AcceptLanguage } from './serviceCatalogApi';
import { AwsCallError } from './errors';

export interface AwsContextOptions {
  askMfaCode: MfaCodePrompt;
  acceptLanguage: () => AcceptLanguage;
  redactor: SecretRedactor;
  env?: Environment;
  credentialTimeoutMs?: number;
  clientOverrides?: ClientPoolOptions['clientOverrides'];
}

const defaultCredentialTimeoutMs = 30_000;

/**
 * The AWS side of the extension: the profiles of the shared files and a Service Catalog API per
 * profile and region. Reloading re-reads the files and drops every client and cached credential.
 */
export class AwsContext {
  private readonly pool: ServiceCatalogClientPool;
  /** The `credential_process` helpers of every profile: one at a time per profile, ended when given up. */
  readonly credentialProcesses: CredentialProcessRunner;
  private readonly apis = new Map<string, ServiceCatalogApi>();
  private catalog: Promise<ProfileCatalog> | undefined;
  /** The files the catalog was read from. */
  private readFrom: { config: string; credentials: string } | undefined;
  private readonly fileListeners = new Set<() => void>();
  private readonly switchListeners = new Set<(files: AwsFiles) => void>();
  private currentFiles: AwsFiles = 'user';
  private watcher: { dispose(): void } | undefined;

  constructor(private options: AwsContextOptions) {
    this.credentialProcesses = new CredentialProcessRunner(options.redactor);
    this.pool = new ServiceCatalogClientPool({
      processes: this.credentialProcesses,
      paths: configFilePaths(this.env),
      askMfaCode: options.askMfaCode,
      redactor: options.redactor,
      timeoutMs: options.credentialTimeoutMs ?? defaultCredentialTimeoutMs,
      clientOverrides: options.clientOverrides,
    });
  }

  private get env(): Environment {
    return this.options.env ?? process.env;
  }

  /** The profiles, read once and kept until `reload()`. */
  profiles(): Promise<ProfileCatalog> {
    return this.catalog ?? this.reload();
  }

  /** Masks every credential the extension has seen; every message built from an error goes through it. */
  get redactor(): SecretRedactor {
    return this.options.redactor;
  }

  /** Where the AWS files are looked for, as the environment says (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, HOME). */
  get paths() {
    return configFilePaths(this.env);
  }

  /** Whose AWS files are read now. */
  get files(): AwsFiles {
    return this.currentFiles;
  }

  /**
   * Uses other AWS files from now on (the emulator sandbox), or the process's own again with
   * `undefined`. Everything known about the previous files is dropped.
   */
  useEnvironment(env: Environment | undefined, files: AwsFiles = env === undefined ? 'user' : 'sandbox'): Promise<ProfileCatalog> {
    this.options.env = env;
    if (this.watcher) {
      this.watchFiles();
    }
    const switched = files !== this.currentFiles;
    this.currentFiles = files;
    const reloaded = this.reload();
    if (switched) {
      this.switchListeners.forEach((listener) => listener(files));
    }
    return reloaded;
  }

  /** Calls `listener` when the extension starts reading the other AWS files (the sandbox's, or the user's again). */
  onDidSwitchFiles(listener: (files: AwsFiles) => void): { dispose(): void } {
    this.switchListeners.add(listener);
    return { dispose: () => this.switchListeners.delete(listener) };
  }

  /** Calls `listener` when the config or credentials file changes; the caller decides when to reload. */
  onDidChangeFiles(listener: () => void): { dispose(): void } {
    this.fileListeners.add(listener);
    if (!this.watcher) {
      this.watchFiles();
    }
    return { dispose: () => this.fileListeners.delete(listener) };
  }

  /**
   * Reads the files again. Profiles whose settings did not change keep their object, their clients
   * and their cached credentials (an unrelated edit must not ask for an MFA code again); the others
   * get new ones on their next call. Other AWS files (`useEnvironment`) replace everything.
   */
  reload(): Promise<ProfileCatalog> {
    const previous = this.catalog;
    const paths = configFilePaths(this.env);
    const sameFiles = this.readFrom?.config === paths.config && this.readFrom.credentials === paths.credentials;
    this.readFrom = paths;
    this.catalog = this.read().then(async (next) => {
      const before = sameFiles && previous ? await previous.catch(() => undefined) : undefined;
      const oldByName = new Map(before?.profiles.map((profile) => [profile.name, profile]));
      const kept = next.profiles.map((profile) => {
        const old = oldByName.get(profile.name);
        return old && before?.fingerprints.get(profile.name) === next.fingerprints.get(profile.name) ? old : profile;
      });
      const keptSet = new Set(kept);
      const changed = before ? before.profiles.filter((old) => !keptSet.has(old)).map((old) => old.name) : undefined;
      this.pool.invalidate(changed, { paths });
      for (const [key, api] of [...this.apis]) {
        if (!keptSet.has(api.profile)) {
          this.apis.delete(key);
        }
      }
      this.pool.useProfiles(kept);
      return { ...next, profiles: kept };
    });
    return this.catalog;
  }

  /** Drops the cached client and credentials of one profile, so the next call resolves them again. */
  forgetCredentials(profileName: string): void {
    this.pool.invalidate([profileName]);
  }

  /** The API of a profile known by name; fails with a classified error when the profile is gone. */
  async apiFor(profileName: string, region: string): Promise<ServiceCatalogApi> {
    const profile = (await this.profiles()).profiles.find((candidate) => candidate.name === profileName);
    if (!profile) {
      throw new AwsCallError(
        {
          kind: 'invalid-config',
          summary: t('Profile not found'),
          detail: t('Profile "{0}" is not in the AWS config or credentials file.', profileName),
          fix: t('Add the profile again or choose another one.'),
          retryable: false,
        },
        'LoadProfiles',
      );
    }
    return this.api(profile, region);
  }

  api(profile: AwsProfile, region: string): ServiceCatalogApi {
    const key = `${profile.name}\u0000${region}`;
    let api = this.apis.get(key);
    if (!api || api.profile !== profile) {
      api = new ServiceCatalogApi(this.pool, profile, region, {
        acceptLanguage: this.options.acceptLanguage,
        redactor: this.options.redactor,
      });
      this.apis.set(key, api);
    }
    return api;
  }

  dispose(): void {
    this.watcher?.dispose();
    this.fileListeners.clear();
    this.switchListeners.clear();
    this.apis.clear();
    this.pool.dispose();
    void this.credentialProcesses.dispose();
  }

  private watchFiles(): void {
    this.watcher?.dispose();
    this.watcher = watchConfigFiles(this.paths, () => this.fileListeners.forEach((listener) => listener()));
  }

  private async read(): Promise<ProfileCatalog> {
    const files = await readAwsConfigFiles(this.env);
    this.options.redactor.rememberSections(mergeSections(files.config, files.credentials));
    return listProfilesInSteps(files, this.env, yieldToEventLoop);
  }
}
