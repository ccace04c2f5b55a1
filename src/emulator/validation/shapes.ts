/**
 * Input shapes of the operations the emulator serves, with the constraints of the Service Catalog
 * model (see shared/reference/service-catalog-api.md). Only members the operations read are listed;
 * unknown members are ignored, as AWS JSON services do.
 */
export type Shape =
  | { type: 'string'; min?: number; max?: number; pattern?: string; enum?: readonly string[] }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'list'; member: Shape; min?: number; max?: number }
  | { type: 'map'; key: Shape & { type: 'string' }; value: Shape; min?: number; max?: number }
  | { type: 'structure'; members: Record<string, Shape>; required?: readonly string[] };

export type StructureShape = Extract<Shape, { type: 'structure' }>;

const string = (constraints: Omit<Extract<Shape, { type: 'string' }>, 'type'> = {}) => ({ type: 'string' as const, ...constraints });
const integer = (min: number, max: number) => ({ type: 'integer' as const, min, max });
const boolean = { type: 'boolean' as const };
const structure = (members: Record<string, Shape>, required: readonly string[] = []): StructureShape => ({ type: 'structure', members, required });

const AcceptLanguage = string({ max: 100 });
const Id = string({ min: 1, max: 100, pattern: '^[a-zA-Z0-9_\\-]*' });
const PageToken = string({ max: 2024, pattern: '[\\u0009\\u000a\\u000d\\u0020-\\uD7FF\\uE000-\\uFFFD]*' });
const PageSize = integer(0, 20);
const ProvisionedProductName = string({ min: 1, max: 128, pattern: '[a-zA-Z0-9][a-zA-Z0-9._-]*' });
const ProductViewName = string({ max: 8191 });
const ProvisioningArtifactName = string({ max: 8192 });
const IdempotencyToken = string({ min: 1, max: 128, pattern: '[a-zA-Z0-9][a-zA-Z0-9_-]*' });
const AccessLevelFilter = structure({ Key: string({ enum: ['Account', 'Role', 'User'] }), Value: string() });
const ExecutionParameterValueList: Shape = { type: 'list', member: string({ min: 0, max: 512 }), min: 0, max: 25 };

export const INPUT_SHAPES = {
  SearchProvisionedProducts: structure({
    AcceptLanguage,
    AccessLevelFilter,
    Filters: { type: 'map', key: string({ enum: ['SearchQuery'] }), value: { type: 'list', member: string() } },
    SortBy: string(),
    SortOrder: string({ enum: ['ASCENDING', 'DESCENDING'] }),
    PageSize: integer(0, 100),
    PageToken,
  }),
  ScanProvisionedProducts: structure({ AcceptLanguage, AccessLevelFilter, PageSize, PageToken }),
  DescribeProvisionedProduct: structure({ AcceptLanguage, Id, Name: ProvisionedProductName }),
  DescribeProduct: structure({ AcceptLanguage, Id, Name: ProductViewName }),
  DescribeProvisioningArtifact: structure({
    AcceptLanguage,
    ProvisioningArtifactId: Id,
    ProductId: Id,
    ProvisioningArtifactName,
    ProductName: ProductViewName,
    Verbose: boolean,
    IncludeProvisioningArtifactParameters: boolean,
  }),
  ListServiceActionsForProvisioningArtifact: structure(
    { ProductId: Id, ProvisioningArtifactId: Id, PageSize, PageToken, AcceptLanguage },
    ['ProductId', 'ProvisioningArtifactId'],
  ),
  DescribeServiceAction: structure({ Id, AcceptLanguage }, ['Id']),
  DescribeServiceActionExecutionParameters: structure({ ProvisionedProductId: Id, ServiceActionId: Id, AcceptLanguage }, [
    'ProvisionedProductId',
    'ServiceActionId',
  ]),
  ExecuteProvisionedProductServiceAction: structure(
    {
      ProvisionedProductId: Id,
      ServiceActionId: Id,
      ExecuteToken: IdempotencyToken,
      AcceptLanguage,
      Parameters: { type: 'map', key: string({ min: 1, max: 50 }), value: ExecutionParameterValueList, min: 1, max: 200 },
    },
    ['ProvisionedProductId', 'ServiceActionId', 'ExecuteToken'],
  ),
  DescribeRecord: structure({ AcceptLanguage, Id, PageToken, PageSize }, ['Id']),
  ListRecordHistory: structure({
    AcceptLanguage,
    AccessLevelFilter,
    SearchFilter: structure({ Key: string(), Value: string() }),
    PageSize,
    PageToken,
  }),
} satisfies Record<string, StructureShape>;

export type OperationName = keyof typeof INPUT_SHAPES;
export const OPERATION_NAMES = Object.keys(INPUT_SHAPES) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(INPUT_SHAPES, name);
}
