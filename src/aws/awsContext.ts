import { t } from '@vscode/l10n';
import * as os from 'node:os';
import * as path from 'node:path';
import { CallLimiter } from './callLimiter';
import { ServiceCatalogClientPool, type ClientPoolOptions } from './clientPool';
import { configFilePaths, readAwsConfigFiles, yieldToEventLoop, type AwsFiles, type Environment } from './configFiles';
import { CredentialProcessRunner } from './credentialProcess';
import { watchConfigFiles } from './configWatcher';
import type { MfaCodePrompt } from './credentials';
import { resolveServiceEndpoint } from './endpoints';
import { listProfilesInSteps, mergeSections, type AwsProfile, type ProfileCatalog } from './profiles';
import { discoveredScopeName, parseDiscoveredScopeName, sourceScopePrefix, type DiscoveredRoleRef } from './scopeNames';
import type { SecretRedactor } from './secrets';
import { ServiceCatalogApi, type AcceptLanguage } from './serviceCatalogApi';
import type { SsoClientOverrides } from './ssoClientConfig';
import { SsoHelperProfiles } from './ssoHelperProfiles';
import { SsoPortal } from './ssoPortal';
import type { SsoSource } from './ssoSources';
import { AwsCallError } from './errors';

export interface AwsContextOptions {
  askMfaCode: MfaCodePrompt;
  acceptLanguage: () => AcceptLanguage;
  redactor: SecretRedactor;
  env?: Environment;
  credentialTimeoutMs?: number;
  clientOverrides?: ClientPoolOptions['clientOverrides'];
  ssoClientOverrides?: SsoClientOverrides;
  /** The one gate of every AWS call (a default one when not given). */
  limiter?: CallLimiter;
  /** A folder of the extension's own for the files the SDK needs to find IAM Identity Center sessions (global storage). */
  storageDir?: string;
}

const defaultCredentialTimeoutMs = 30_000;

/**
 * The AWS side of the extension: the profiles of the shared files, the IAM Identity Center sessions they name
 * and the roles discovered through them, and a Service Catalog API per scope (profile or discovered role) and
 * region. Reloading re-reads the files and drops every client and cached credential that depended on a change.
 */
export class AwsContext {
  readonly limiter: CallLimiter;
  private readonly pool: ServiceCatalogClientPool;
  private readonly ssoProfiles: SsoHelperProfiles;
  /** The `credential_process` helpers of every profile: one at a time per profile, ended when given up. */
  readonly credentialProcesses: CredentialProcessRunner;
  private readonly apis = new Map<string, ServiceCatalogApi>();
  /** Discovered roles, by scope name, as scopes; kept while their source does not change. */
  private readonly discovered = new Map<string, AwsProfile>();
  private readonly portals = new Map<string, SsoPortal>();
  private catalog: Promise<ProfileCatalog> | undefined;
  /** The files the catalog was read from. */
  private readFrom: { config: string; credentials: string } | undefined;
  private readonly fileListeners = new Set<() => void>();
  private readonly switchListeners = new Set<(files: AwsFiles) => void>();
  private currentFiles: AwsFiles = 'user';
  private watcher: { dispose(): void } | undefined;

  constructor(private options: AwsContextOptions) {
    this.limiter = options.limiter ?? new CallLimiter();
    this.ssoProfiles = new SsoHelperProfiles(options.storageDir ?? path.join(os.tmpdir(), `service-catalog-actions-${os.userInfo().username}`));
    this.credentialProcesses = new CredentialProcessRunner(options.redactor);
    this.pool = new ServiceCatalogClientPool({
      processes: this.credentialProcesses,
      paths: configFilePaths(this.env),
      askMfaCode: options.askMfaCode,
      redactor: options.redactor,
      timeoutMs: options.credentialTimeoutMs ?? defaultCredentialTimeoutMs,
      clientOverrides: options.clientOverrides,
      limiter: this.limiter,
      ssoProfiles: this.ssoProfiles,
      ssoClientOverrides: options.ssoClientOverrides,
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
      const sources = this.keepSources(before, next.ssoSources, sameFiles);
      // Other AWS files (the sandbox's, or the user's again): no discovered role of the previous ones is kept.
      const droppedRoles = this.dropDiscoveredRolesNotOf(sameFiles ? sources : []);
      this.pool.invalidate(changed && [...changed, ...droppedRoles], { paths });
      for (const [key, api] of [...this.apis]) {
        if (!keptSet.has(api.profile) && !(api.profile.identityCenter && this.discovered.get(api.profile.name) === api.profile)) {
          this.apis.delete(key);
        }
      }
      this.pool.useProfiles(kept);
      return { ...next, profiles: kept, ssoSources: sources };
    });
    return this.catalog;
  }

  /** Drops the cached client and credentials of one scope, so the next call resolves them again. */
  forgetCredentials(scopeName: string): void {
    this.pool.invalidate([scopeName]);
  }

  /** Drops the credentials of every role discovered through a source (after signing in to it again). */
  forgetSource(sourceId: string): void {
    this.pool.invalidate([...this.discovered.keys()].filter((name) => name.startsWith(sourceScopePrefix(sourceId))));
  }

  /** The API of a scope known by name: a profile, or a discovered role; fails with a classified error when it is gone. */
  async apiFor(scopeName: string, region: string): Promise<ServiceCatalogApi> {
    return this.api(await this.scope(scopeName), region);
  }

  /** A scope by name: the profile of that name, or the role a discovered scope name names. */
  async scope(scopeName: string): Promise<AwsProfile> {
    const catalog = await this.profiles();
    const ref = parseDiscoveredScopeName(scopeName);
    if (ref) {
      const source = catalog.ssoSources.find((candidate) => candidate.id === ref.source);
      if (!source) {
        throw new AwsCallError(
          {
            kind: 'invalid-config',
            summary: t('Session not found'),
            detail: t('The IAM Identity Center session "{0}" is not in the AWS config file.', ref.source),
            fix: t('Add the sso-session again or choose another profile.'),
            retryable: false,
          },
          'LoadProfiles',
        );
      }
      return this.discoveredRole(source, ref);
    }
    const profile = catalog.profiles.find((candidate) => candidate.name === scopeName);
    if (!profile) {
      throw new AwsCallError(
        {
          kind: 'invalid-config',
          summary: t('Profile not found'),
          detail: t('Profile "{0}" is not in the AWS config or credentials file.', scopeName),
          fix: t('Add the profile again or choose another one.'),
          retryable: false,
        },
        'LoadProfiles',
      );
    }
    return profile;
  }

  /**
   * A role of an account reached through an IAM Identity Center source, as a scope. It has no profile, so its
   * Service Catalog endpoint is the one the SDK gives a client without one: `AWS_ENDPOINT_URL_SERVICE_CATALOG`,
   * `AWS_ENDPOINT_URL`, then the `services` or `endpoint_url` of the profile `AWS_PROFILE` names (or `default`).
   */
  discoveredRole(source: SsoSource, ref: Omit<DiscoveredRoleRef, 'source'>): AwsProfile {
    const name = discoveredScopeName({ source: source.id, accountId: ref.accountId, roleName: ref.roleName });
    const known = this.discovered.get(name);
    // The same role of the same session settings is one object, whichever catalog read its caller holds.
    if (known?.identityCenter && sameSource(known.identityCenter.source, source)) {
      return known;
    }
    const files = this.lastFiles;
    const sections = files ? mergeSections(files.config, files.credentials) : {};
    const env = this.env;
    const role: AwsProfile = {
      name,
      region: source.region || undefined,
      credentialKind: 'sso',
      serviceCatalogEndpoint: resolveServiceEndpoint('Service Catalog', env.AWS_PROFILE || 'default', sections, env),
      stsEndpoint: { kind: 'default' },
      identityCenter: { source, accountId: ref.accountId, roleName: ref.roleName },
    };
    this.discovered.set(name, role);
    return role;
  }

  /** The IAM Identity Center portal of a source, for its account and role listings. */
  portal(source: SsoSource): SsoPortal {
    let portal = this.portals.get(source.id);
    if (!portal || portal.source !== source) {
      portal?.dispose();
      portal = new SsoPortal(source, {
        paths: this.paths,
        limiter: this.limiter,
        redactor: this.options.redactor,
        ssoProfiles: this.ssoProfiles,
        clientOverrides: this.options.ssoClientOverrides,
      });
      this.portals.set(source.id, portal);
    }
    return portal;
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
    for (const portal of this.portals.values()) portal.dispose();
    this.portals.clear();
  }

  /** Sources whose settings did not change keep their object, so their discovered roles keep clients and credentials. */
  private keepSources(before: ProfileCatalog | undefined, next: SsoSource[], sameFiles: boolean): SsoSource[] {
    return next.map((source) => {
      const old = sameFiles ? before?.ssoSources.find((candidate) => candidate.id === source.id) : undefined;
      return old && sameSource(old, source) ? old : source;
    });
  }

  /** Forgets the discovered roles of sources that changed or went away; returns their names. */
  private dropDiscoveredRolesNotOf(sources: SsoSource[]): string[] {
    const dropped: string[] = [];
    for (const [name, role] of [...this.discovered]) {
      if (!role.identityCenter || !sources.some((source) => sameSource(source, role.identityCenter!.source))) {
        this.discovered.delete(name);
        dropped.push(name);
      }
    }
    for (const [id, portal] of [...this.portals]) {
      if (!sources.some((source) => sameSource(source, portal.source))) {
        portal.dispose();
        this.portals.delete(id);
      }
    }
    return dropped;
  }

  private watchFiles(): void {
    this.watcher?.dispose();
    this.watcher = watchConfigFiles(this.paths, () => this.fileListeners.forEach((listener) => listener()));
  }

  /** The files last read, for the settings a discovered role takes from them. */
  private lastFiles: ProfileCatalog['files'] | undefined;

  private async read(): Promise<ProfileCatalog> {
    const files = await readAwsConfigFiles(this.env);
    this.lastFiles = files;
    this.options.redactor.rememberSections(mergeSections(files.config, files.credentials));
    return listProfilesInSteps(files, this.env, yieldToEventLoop);
  }
}

/** Whether two reads of the files describe a source the same way (same session, start URL, region and profiles). */
function sameSource(a: SsoSource, b: SsoSource): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
