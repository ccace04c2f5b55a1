import type {
  ExecutionParameter,
  ProvisionedProductAttribute,
  ProvisionedProductDetail,
  RecordDetail,
  RecordOutput,
  ServiceActionDetail,
  ServiceActionSummary,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';
import type { ServiceCatalogClientPool } from './clientPool';
import { AwsCallError, classifyAwsError, type AwsProblem } from './errors';
import { loadAwsSdk, type AwsSdk } from './loadSdk';
import type { AwsProfile } from './profiles';
import type { SecretRedactor } from './secrets';
import { ssoLoginCommand } from './ssoSources';

export type AccessLevel = 'User' | 'Role' | 'Account';
export type AcceptLanguage = 'en' | 'jp' | 'zh';
export type ExecutionParameters = Record<string, string[]>;

/**
 * The most pages one listing follows: 200 pages is 20,000 provisioned products of a profile in a region,
 * or 4,000 outputs of a record. A service that keeps returning new page tokens is not followed forever.
 */
export const maxPages = 200;

export interface ApiSettings {
  acceptLanguage(): AcceptLanguage;
  redactor: SecretRedactor;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface PagedCallOptions extends CallOptions {
  /** Items per page (1..20 for these operations); the default is the largest. */
  pageSize?: number;
}

/** The Service Catalog calls the extension makes, for one profile in one region. */
export class ServiceCatalogApi {
  constructor(
    private readonly pool: ServiceCatalogClientPool,
    readonly profile: AwsProfile,
    readonly region: string,
    private readonly settings: ApiSettings,
  ) {}

  /** Every page of `SearchProvisionedProducts`; `onPage` sees each page as it arrives, and whether more follow. */
  async searchProvisionedProducts(
    options: CallOptions & {
      accessLevel: AccessLevel;
      searchQuery?: string;
      pageSize?: number;
      /** Pages in the order of the products' names. */
      sortByName?: boolean;
      onPage?: (products: ProvisionedProductAttribute[], more: boolean) => void;
    },
  ): Promise<ProvisionedProductAttribute[]> {
    const products: ProvisionedProductAttribute[] = [];
    await this.allPages('SearchProvisionedProducts', options, async (sdk, client, PageToken) => {
      const output = await client.send(
        new sdk.SearchProvisionedProductsCommand({
          AcceptLanguage: this.settings.acceptLanguage(),
          AccessLevelFilter: { Key: options.accessLevel, Value: 'self' },
          Filters: options.searchQuery ? { SearchQuery: [options.searchQuery] } : undefined,
          PageSize: options.pageSize ?? 100,
          PageToken,
          ...(options.sortByName ? { SortBy: 'name', SortOrder: 'ASCENDING' as const } : {}),
        }),
        { abortSignal: options.signal },
      );
      const page = output.ProvisionedProducts ?? [];
      products.push(...page);
      options.onPage?.(page, !!output.NextPageToken);
      return output.NextPageToken;
    });
    return products;
  }

  /**
   * Every provisioned product at the access level asked for; when Account (or Role) is denied, the
   * user's own products instead, with the refusal, so the caller can say why fewer are shown.
   */
  async searchProvisionedProductsWithFallback(
    options: Parameters<ServiceCatalogApi['searchProvisionedProducts']>[0],
  ): Promise<{ products: ProvisionedProductAttribute[]; accessLevel: AccessLevel; fallbackFrom?: AwsProblem }> {
    try {
      return { products: await this.searchProvisionedProducts(options), accessLevel: options.accessLevel };
    } catch (error) {
      if (options.accessLevel === 'User' || !(error instanceof AwsCallError) || error.problem.kind !== 'access-denied') {
        throw error;
      }
      return { products: await this.searchProvisionedProducts({ ...options, accessLevel: 'User' }), accessLevel: 'User', fallbackFrom: error.problem };
    }
  }

  async describeProvisionedProduct(id: string, options: CallOptions = {}): Promise<ProvisionedProductDetail> {
    return this.call('DescribeProvisionedProduct', async (sdk, client) => {
      const output = await client.send(
        new sdk.DescribeProvisionedProductCommand({ AcceptLanguage: this.settings.acceptLanguage(), Id: id }),
        { abortSignal: options.signal },
      );
      return output.ProvisionedProductDetail ?? {};
    });
  }

  /** Every self-service action associated with a product version. */
  async listServiceActions(productId: string, provisioningArtifactId: string, options: PagedCallOptions = {}): Promise<ServiceActionSummary[]> {
    const actions: ServiceActionSummary[] = [];
    await this.allPages('ListServiceActionsForProvisioningArtifact', options, async (sdk, client, PageToken) => {
      const output = await client.send(
        new sdk.ListServiceActionsForProvisioningArtifactCommand({
          AcceptLanguage: this.settings.acceptLanguage(),
          ProductId: productId,
          ProvisioningArtifactId: provisioningArtifactId,
          PageSize: options.pageSize ?? 20,
          PageToken,
        }),
        { abortSignal: options.signal },
      );
      actions.push(...(output.ServiceActionSummaries ?? []));
      return output.NextPageToken;
    });
    return actions;
  }

  async describeServiceAction(id: string, options: CallOptions = {}): Promise<ServiceActionDetail> {
    return this.call('DescribeServiceAction', async (sdk, client) => {
      const output = await client.send(
        new sdk.DescribeServiceActionCommand({ AcceptLanguage: this.settings.acceptLanguage(), Id: id }),
        { abortSignal: options.signal },
      );
      return output.ServiceActionDetail ?? {};
    });
  }

  async describeExecutionParameters(
    provisionedProductId: string,
    serviceActionId: string,
    options: CallOptions = {},
  ): Promise<ExecutionParameter[]> {
    return this.call('DescribeServiceActionExecutionParameters', async (sdk, client) => {
      const output = await client.send(
        new sdk.DescribeServiceActionExecutionParametersCommand({
          AcceptLanguage: this.settings.acceptLanguage(),
          ProvisionedProductId: provisionedProductId,
          ServiceActionId: serviceActionId,
        }),
        { abortSignal: options.signal },
      );
      return output.ServiceActionParameters ?? [];
    });
  }

  /**
   * Executes an action. The caller owns `executeToken` and must reuse it when it retries: the same
   * token returns the same record instead of running the action again. The SDK's own retries keep it.
   */
  async executeServiceAction(
    request: { provisionedProductId: string; serviceActionId: string; executeToken: string; parameters?: ExecutionParameters },
    options: CallOptions = {},
  ): Promise<RecordDetail> {
    return this.call('ExecuteProvisionedProductServiceAction', async (sdk, client) => {
      const hasParameters = request.parameters && Object.keys(request.parameters).length > 0;
      const output = await client.send(
        new sdk.ExecuteProvisionedProductServiceActionCommand({
          AcceptLanguage: this.settings.acceptLanguage(),
          ProvisionedProductId: request.provisionedProductId,
          ServiceActionId: request.serviceActionId,
          ExecuteToken: request.executeToken,
          Parameters: hasParameters ? request.parameters : undefined,
        }),
        { abortSignal: options.signal },
      );
      if (!output.RecordDetail?.RecordId) {
        throw new Error(t('Service Catalog did not return a record for the execution'));
      }
      return output.RecordDetail;
    });
  }

  /** A record with every page of its outputs. */
  async describeRecord(id: string, options: PagedCallOptions = {}): Promise<{ record: RecordDetail; outputs: RecordOutput[] }> {
    let record: RecordDetail = {};
    const outputs: RecordOutput[] = [];
    await this.allPages('DescribeRecord', options, async (sdk, client, PageToken) => {
      const output = await client.send(
        new sdk.DescribeRecordCommand({ AcceptLanguage: this.settings.acceptLanguage(), Id: id, PageSize: options.pageSize ?? 20, PageToken }),
        { abortSignal: options.signal },
      );
      record = output.RecordDetail ?? record;
      outputs.push(...(output.RecordOutputs ?? []));
      return output.NextPageToken;
    });
    return { record, outputs };
  }

  /** One page of record history, newest first: of a provisioned product, of every provisioned product of a product, or all. */
  async listRecordHistory(
    request: { provisionedProductId?: string; productId?: string; accessLevel: AccessLevel; pageSize?: number; pageToken?: string },
    options: CallOptions = {},
  ): Promise<{ records: RecordDetail[]; nextPageToken?: string }> {
    return this.call('ListRecordHistory', async (sdk, client) => {
      const output = await client.send(
        new sdk.ListRecordHistoryCommand({
          AcceptLanguage: this.settings.acceptLanguage(),
          AccessLevelFilter: { Key: request.accessLevel, Value: 'self' },
          SearchFilter: request.provisionedProductId
            ? { Key: 'provisionedproduct', Value: request.provisionedProductId }
            : request.productId
              ? { Key: 'product', Value: request.productId }
              : undefined,
          PageSize: request.pageSize ?? 20,
          PageToken: request.pageToken,
        }),
        { abortSignal: options.signal },
      );
      return { records: output.RecordDetails ?? [], nextPageToken: output.NextPageToken || undefined };
    });
  }

  private async call<T>(operation: string, work: (sdk: AwsSdk, client: ServiceCatalogClient) => Promise<T>): Promise<T> {
    try {
      const [loaded, client] = await Promise.all([loadAwsSdk(), this.pool.client(this.profile, this.region)]);
      return await work(loaded, client);
    } catch (error) {
      throw this.classified(error, operation);
    }
  }

  private async allPages(
    operation: string,
    options: CallOptions,
    fetchPage: (sdk: AwsSdk, client: ServiceCatalogClient, pageToken: string | undefined) => Promise<string | undefined>,
  ): Promise<void> {
    const seen = new Set<string>();
    let pageToken: string | undefined;
    let pages = 0;
    do {
      if (pages === maxPages) {
        throw new AwsCallError(
          {
            kind: 'too-many-pages',
            summary: t('Too many pages'),
            detail: t('Service Catalog kept answering {0} with more pages: the extension stopped after {1} pages.', operation, maxPages),
            fix: t('Narrow the listing (Filter Provisioned Products...), or check the endpoint of profile "{0}": Service Catalog does not page this far.', this.profile.name),
            retryable: false,
          },
          operation,
        );
      }
      pages += 1;
      const token = pageToken;
      pageToken = await this.call(operation, async (sdk, client) => {
        options.signal?.throwIfAborted();
        const next = (await fetchPage(sdk, client, token)) || undefined;
        if (next !== undefined && seen.has(next)) {
          throw new Error(`${operation} returned the same page token twice`);
        }
        return next;
      });
      if (pageToken !== undefined) {
        seen.add(pageToken);
      }
    } while (pageToken !== undefined);
  }

  private classified(error: unknown, operation: string): AwsCallError {
    if (error instanceof AwsCallError) {
      return error;
    }
    const endpoint = this.profile.serviceCatalogEndpoint;
    const source = this.profile.identityCenter?.source;
    const problem = classifyAwsError(
      error,
      {
        profile: this.profile.name,
        region: this.region,
        endpointHost: endpoint.kind === 'configured' ? new URL(endpoint.endpoint.url).host : undefined,
        ssoLogin: source ? { session: source.label, command: ssoLoginCommand(source) } : undefined,
      },
      this.settings.redactor,
    );
    return new AwsCallError(problem, operation);
  }
}
