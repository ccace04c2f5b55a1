import type { SSOClient } from '@aws-sdk/client-sso';
import { t } from '@vscode/l10n';
import type { CallLimiter } from './callLimiter';
import type { ConfigFilePaths } from './configFiles';
import { AwsCallError, classifyAwsError } from './errors';
import { loadAwsSdk } from './loadSdk';
import type { SecretRedactor } from './secrets';
import { maxPages } from './serviceCatalogApi';
import { ssoClientConfig, type SsoClientOverrides } from './ssoClientConfig';
import type { SsoHelperProfiles } from './ssoHelperProfiles';
import { ssoLoginCommand, type SsoSource } from './ssoSources';

/** An account of the portal's listing. */
export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
}

export interface SsoPortalOptions {
  paths: ConfigFilePaths;
  limiter: CallLimiter;
  redactor: SecretRedactor;
  ssoProfiles: SsoHelperProfiles;
  clientOverrides?: SsoClientOverrides;
}

/** The portal's largest page (its model allows 1 to 100). */
const pageSize = 100;

/** Raised when the token cache has no usable token for a legacy start URL (the SDK's own message would name no session). */
class SsoTokenMissingError extends Error {
  override readonly name = 'SSOTokenProviderFailure';
}

/**
 * IAM Identity Center's portal for one source: which accounts its signed-in user reaches, and which roles in each
 * (`@aws-sdk/client-sso`). The token is the one `aws sso login` cached, read by the SDK: `fromSso` for a session
 * (which refreshes it when it can), the token file for a legacy start URL. The client is built as the one
 * `fromSSO` builds (`ssoClientConfig`), so both reach the same endpoint. Every attempt holds a limiter slot.
 */
export class SsoPortal {
  private client: Promise<SSOClient> | undefined;

  constructor(
    readonly source: SsoSource,
    private readonly options: SsoPortalOptions,
  ) {}

  /** The limiter key of the portal's calls. */
  get key(): string {
    return `sso-portal ${this.source.id}`;
  }

  /** Every account, all pages; `onPage` sees the accounts listed so far after each page that more follow. */
  async accounts(options: { signal?: AbortSignal; onPage?: (soFar: SsoAccount[]) => void } = {}): Promise<SsoAccount[]> {
    const accounts: SsoAccount[] = [];
    await this.call('ListAccounts', async (sdk, client, accessToken) => {
      let nextToken: string | undefined;
      let pages = 0;
      do {
        pages = this.countPage(pages, 'ListAccounts');
        const output = await client.send(new sdk.ListAccountsCommand({ accessToken, maxResults: pageSize, nextToken }), { abortSignal: options.signal });
        for (const account of output.accountList ?? []) {
          if (account.accountId) {
            accounts.push({ accountId: account.accountId, accountName: account.accountName || account.accountId, ...(account.emailAddress ? { emailAddress: account.emailAddress } : {}) });
          }
        }
        nextToken = nextPage(output.nextToken, nextToken);
        if (nextToken) options.onPage?.([...accounts]);
      } while (nextToken);
    });
    return accounts;
  }

  /** The roles (permission sets) the user has in an account, by name. */
  async roles(accountId: string, options: { signal?: AbortSignal } = {}): Promise<string[]> {
    const roles: string[] = [];
    await this.call('ListAccountRoles', async (sdk, client, accessToken) => {
      let nextToken: string | undefined;
      let pages = 0;
      do {
        pages = this.countPage(pages, 'ListAccountRoles');
        const output = await client.send(new sdk.ListAccountRolesCommand({ accessToken, accountId, maxResults: pageSize, nextToken }), { abortSignal: options.signal });
        roles.push(...(output.roleList ?? []).map((role) => role.roleName ?? '').filter(Boolean));
        nextToken = nextPage(output.nextToken, nextToken);
      } while (nextToken);
    });
    return roles;
  }

  dispose(): void {
    void this.client?.then((client) => client.destroy(), () => undefined);
    this.client = undefined;
  }

  /** The pages read once one more is asked for; a portal that keeps answering with new page tokens is not followed forever. */
  private countPage(pagesRead: number, operation: string): number {
    if (pagesRead === maxPages) {
      throw new AwsCallError(
        {
          kind: 'too-many-pages',
          summary: t('Too many pages'),
          detail: t('The IAM Identity Center portal kept answering {0} with more pages: the extension stopped after {1} pages.', operation, maxPages),
          fix: t('Check the endpoint of the IAM Identity Center session "{0}": its portal does not page this far.', this.source.label),
          retryable: false,
        },
        operation,
      );
    }
    return pagesRead + 1;
  }

  private async call(operation: string, work: (sdk: Awaited<ReturnType<typeof loadAwsSdk>>, client: SSOClient, accessToken: string) => Promise<void>): Promise<void> {
    try {
      if (this.source.problem) {
        throw new AwsCallError({ kind: 'invalid-config', summary: t('Session misconfigured'), detail: this.source.problem, fix: t('Fix the sso-session in the AWS config file.'), retryable: false }, operation);
      }
      const sdk = await loadAwsSdk();
      const [client, accessToken] = await Promise.all([this.sdkClient(), this.accessToken()]);
      await work(sdk, client, accessToken);
    } catch (error) {
      if (error instanceof AwsCallError) throw error;
      const problem = classifyAwsError(
        error,
        { profile: this.source.label, region: this.source.region, ssoLogin: { session: this.source.label, command: ssoLoginCommand(this.source) } },
        this.options.redactor,
      );
      throw new AwsCallError(problem, operation);
    }
  }

  private sdkClient(): Promise<SSOClient> {
    this.client ??= loadAwsSdk().then(({ SSOClient }) => {
      const client = new SSOClient(ssoClientConfig(this.source.region, this.options.clientOverrides));
      client.middlewareStack.use(this.options.limiter.plugin(this.key));
      return client;
    });
    return this.client;
  }

  /** The session's bearer token, as the SDK reads (and for a session, refreshes) it. Never logged or shown. */
  private async accessToken(): Promise<string> {
    const sdk = await loadAwsSdk();
    if (this.source.kind === 'session') {
      const helper = await this.options.ssoProfiles.profileFor(this.source.id);
      const token = await this.options.limiter.run(this.key, () =>
        sdk.fromSso({ profile: helper.profile, filepath: helper.filepath, configFilepath: this.options.paths.config, ignoreCache: true, clientConfig: ssoClientConfig(this.source.region, this.options.clientOverrides) })(),
      );
      this.options.redactor.remember(token.token);
      return token.token;
    }
    const cached = await sdk.getSSOTokenFromFile(this.source.startUrl).catch(() => undefined);
    if (!cached?.accessToken || !cached.expiresAt || Date.parse(cached.expiresAt) <= Date.now()) {
      throw new SsoTokenMissingError(`The SSO token of ${this.source.startUrl} is missing or expired`);
    }
    this.options.redactor.remember(cached.accessToken);
    return cached.accessToken;
  }
}

/** The next page's token; a token seen twice would page forever. */
function nextPage(next: string | undefined, previous: string | undefined): string | undefined {
  if (!next) return undefined;
  if (next === previous) throw new Error('The IAM Identity Center portal returned the same page token twice');
  return next;
}
