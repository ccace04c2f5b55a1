import { isAwsRegion } from '../auth/awsRegions';
import { SeedChecker, SeedValidationError } from './seedChecker';
import { ACCESS_LEVELS, PROVISIONED_PRODUCT_STATUSES, RECORD_STATUSES, type Seed } from './seedTypes';
import { validateActionOutcome, validateErrorsAndOutputs } from './validateOutcome';
import { validateIdentityCenter } from './validateIdentityCenter';
import { validateRoles } from './validateRoles';

const ACCOUNT_ID = /^\d{12}$/;
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const ID = /^[a-zA-Z0-9_-]{1,100}$/;
const PROVISIONED_PRODUCT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$/;
const SERVICE_ACTION_NAME = /^[a-zA-Z0-9_\-.]{1,256}$/;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const CALLER_ARN = /^arn:aws[a-z-]*:(iam::(\d{12}):user\/.+|sts::(\d{12}):assumed-role\/[^/]+\/.+)$/;
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(iam::(\d{12}):(user|role)\/.+|sts::(\d{12}):assumed-role\/[^/]+\/.+)$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

const PROVISIONED_PRODUCT_TYPES = ['CFN_STACK', 'CFN_STACKSET', 'TERRAFORM_OPEN_SOURCE', 'TERRAFORM_CLOUD', 'EXTERNAL'];
const PRODUCT_TYPES = ['CLOUD_FORMATION_TEMPLATE', 'MARKETPLACE', 'TERRAFORM_OPEN_SOURCE', 'TERRAFORM_CLOUD', 'EXTERNAL'];
const ARTIFACT_TYPES = ['CLOUD_FORMATION_TEMPLATE', 'MARKETPLACE_AMI', 'MARKETPLACE_CAR', 'TERRAFORM_OPEN_SOURCE', 'TERRAFORM_CLOUD', 'EXTERNAL'];
const MAX_ACTIONS_PER_VERSION = 25;

/** Checks a parsed seed and returns it typed, or throws SeedValidationError listing every problem found. */
export function validateSeed(input: unknown, source = 'seed'): Seed {
  const check = new SeedChecker();
  if (!check.isObject('seed', input)) throw new SeedValidationError(check.problems, source);
  const seed = input as unknown as Seed;
  for (const key of ['accounts', 'regions', 'credentials', 'products', 'serviceActions', 'associations', 'provisionedProducts'] as const) {
    check.isArray(key, seed[key]);
  }
  check.isArray('records', seed.records, { optional: true });
  check.isArray('recordHistories', seed.recordHistories, { optional: true });
  if (check.problems.length > 0) throw new SeedValidationError(check.problems, source);

  const accountIds = new Set<string>();
  seed.accounts.forEach((account, i) => {
    const path = `accounts[${i}]`;
    if (!check.isObject(path, account)) return;
    check.string(`${path}.id`, account.id, { pattern: ACCOUNT_ID, patternHint: 'a 12-digit account id' });
    // Known even when malformed, so references to it do not each report a second problem.
    if (typeof account.id === 'string') accountIds.add(account.id);
    check.string(`${path}.alias`, account.alias, { optional: true });
    check.string(`${path}.name`, account.name, { optional: true, maxLength: 50 });
    check.string(`${path}.email`, account.email, { optional: true, pattern: /^[^\s@]+@[^\s@]+$/, patternHint: 'an email address' });
    if (check.number(`${path}.throttleEveryNth`, account.throttleEveryNth, { optional: true, min: 1 }) && !Number.isInteger(account.throttleEveryNth)) {
      check.fail(`${path}.throttleEveryNth`, 'must be a whole number');
    }
  });
  check.unique('accounts', seed.accounts, (a) => a?.id, 'account id');
  if (seed.accounts.length === 0) check.fail('accounts', 'must list at least one account');

  const regions = new Set<string>();
  seed.regions.forEach((region, i) => {
    if (!check.string(`regions[${i}]`, region)) return;
    if (!isAwsRegion(region)) check.fail(`regions[${i}]`, `"${region}" is not an AWS region name`);
    regions.add(region);
  });
  if (seed.regions.length === 0) check.fail('regions', 'must list at least one region');

  const checkAccount = (path: string, id: unknown) => {
    if (check.string(path, id) && !accountIds.has(id)) check.fail(path, `account "${id}" is not in accounts`);
  };
  const checkRegion = (path: string, region: unknown) => {
    if (check.string(path, region) && !regions.has(region)) check.fail(path, `region "${region}" is not in regions`);
  };

  seed.credentials.forEach((cred, i) => {
    const path = `credentials[${i}]`;
    if (!check.isObject(path, cred)) return;
    check.string(`${path}.profileName`, cred.profileName, { pattern: /^[A-Za-z0-9_.-]+$/, patternHint: 'a profile name (letters, digits, _ . -)' });
    check.string(`${path}.accessKeyId`, cred.accessKeyId, { pattern: ACCESS_KEY_ID, patternHint: 'an access key id (16+ upper-case letters and digits)' });
    check.string(`${path}.secretAccessKey`, cred.secretAccessKey);
    check.string(`${path}.sessionToken`, cred.sessionToken, { optional: true });
    check.boolean(`${path}.expired`, cred.expired);
    if (cred.expired && !cred.sessionToken) check.fail(`${path}.expired`, 'only a credential with a sessionToken can be expired');
    checkAccount(`${path}.accountId`, cred.accountId);
    if (check.string(`${path}.userArn`, cred.userArn, { pattern: CALLER_ARN, patternHint: 'an IAM user or assumed-role ARN' })) {
      const [, , userAccount, roleAccount] = CALLER_ARN.exec(cred.userArn) ?? [];
      if ((userAccount ?? roleAccount) !== cred.accountId) check.fail(`${path}.userArn`, `is in another account than accountId ${cred.accountId}`);
    }
    if (cred.region !== undefined && check.string(`${path}.region`, cred.region) && !isAwsRegion(cred.region)) {
      check.fail(`${path}.region`, `"${cred.region}" is not an AWS region name`);
    }
    if (check.isArray(`${path}.accessLevels`, cred.accessLevels, { optional: true, nonEmpty: true })) {
      cred.accessLevels.forEach((level, j) => check.string(`${path}.accessLevels[${j}]`, level, { oneOf: ACCESS_LEVELS }));
    }
  });
  check.unique('credentials', seed.credentials, (c) => c?.accessKeyId, 'accessKeyId');
  check.unique('credentials', seed.credentials, (c) => c?.profileName, 'profileName');

  const products = new Map<string, Seed['products'][number]>();
  const versionOwner = new Map<string, string>();
  seed.products.forEach((product, i) => {
    const path = `products[${i}]`;
    if (!check.isObject(path, product)) return;
    if (check.string(`${path}.id`, product.id, { pattern: ID, patternHint: 'an id such as prod-abcd1234efgh5' })) products.set(product.id, product);
    check.string(`${path}.name`, product.name, { maxLength: 8191 });
    checkRegion(`${path}.region`, product.region);
    if (check.stringList(`${path}.accountIds`, product.accountIds, { nonEmpty: true })) {
      product.accountIds.forEach((id, j) => checkAccount(`${path}.accountIds[${j}]`, id));
    }
    check.string(`${path}.owner`, product.owner);
    check.string(`${path}.type`, product.type, { optional: true, oneOf: PRODUCT_TYPES });
    for (const key of ['shortDescription', 'distributor', 'supportEmail', 'supportUrl', 'supportDescription'] as const) {
      check.string(`${path}.${key}`, product[key], { optional: true });
    }
    if (product.launchPath !== undefined && check.isObject(`${path}.launchPath`, product.launchPath)) {
      check.string(`${path}.launchPath.id`, product.launchPath.id, { pattern: ID });
      check.string(`${path}.launchPath.name`, product.launchPath.name);
    }
    if (!check.isArray(`${path}.versions`, product.versions, { nonEmpty: true })) return;
    product.versions.forEach((version, j) => {
      const vpath = `${path}.versions[${j}]`;
      if (!check.isObject(vpath, version)) return;
      if (check.string(`${vpath}.id`, version.id, { pattern: ID, patternHint: 'an id such as pa-abcd1234efgh5' })) {
        if (versionOwner.has(version.id)) check.fail(`${vpath}.id`, `duplicate version id "${version.id}"`);
        versionOwner.set(version.id, product.id);
      }
      check.string(`${vpath}.name`, version.name, { maxLength: 8192 });
      check.string(`${vpath}.description`, version.description, { optional: true });
      check.string(`${vpath}.type`, version.type, { optional: true, oneOf: ARTIFACT_TYPES });
      check.time(`${vpath}.createdTime`, version.createdTime);
      check.boolean(`${vpath}.active`, version.active);
      check.string(`${vpath}.guidance`, version.guidance, { optional: true, oneOf: ['DEFAULT', 'DEPRECATED'] });
      check.string(`${vpath}.templateUrl`, version.templateUrl, { optional: true });
      if (check.isArray(`${vpath}.parameters`, version.parameters, { optional: true })) {
        version.parameters.forEach((p, k) => check.isObject(`${vpath}.parameters[${k}]`, p) && check.string(`${vpath}.parameters[${k}].key`, p.key));
      }
    });
  });
  check.unique('products', seed.products, (p) => p?.id, 'product id');

  const actions = new Map<string, Seed['serviceActions'][number]>();
  seed.serviceActions.forEach((action, i) => {
    const path = `serviceActions[${i}]`;
    if (!check.isObject(path, action)) return;
    if (check.string(`${path}.id`, action.id, { pattern: ID, patternHint: 'an id such as act-abcd1234efgh5' })) actions.set(action.id, action);
    check.string(`${path}.name`, action.name, { pattern: SERVICE_ACTION_NAME, patternHint: 'a service action name (letters, digits, _ - .; at most 256)' });
    check.string(`${path}.description`, action.description, { optional: true, maxLength: 1024 });
    checkRegion(`${path}.region`, action.region);
    if (check.stringList(`${path}.accountIds`, action.accountIds, { nonEmpty: true })) {
      action.accountIds.forEach((id, j) => checkAccount(`${path}.accountIds[${j}]`, id));
    }
    validateActionDefinition(check, `${path}`, action);
    validateActionOutcome(check, `${path}.outcome`, action.outcome);
  });
  check.unique('serviceActions', seed.serviceActions, (a) => a?.id, 'service action id');

  const actionsPerVersion = new Map<string, number>();
  seed.associations.forEach((association, i) => {
    const path = `associations[${i}]`;
    if (!check.isObject(path, association)) return;
    const action = check.string(`${path}.serviceActionId`, association.serviceActionId) ? actions.get(association.serviceActionId) : undefined;
    const product = check.string(`${path}.productId`, association.productId) ? products.get(association.productId) : undefined;
    if (association.serviceActionId && !action) check.fail(`${path}.serviceActionId`, `service action "${association.serviceActionId}" is not in serviceActions`);
    if (association.productId && !product) check.fail(`${path}.productId`, `product "${association.productId}" is not in products`);
    if (check.string(`${path}.provisioningArtifactId`, association.provisioningArtifactId) && product) {
      if (versionOwner.get(association.provisioningArtifactId) !== product.id) {
        check.fail(`${path}.provisioningArtifactId`, `"${association.provisioningArtifactId}" is not a version of product ${product.id}`);
      }
      const count = (actionsPerVersion.get(association.provisioningArtifactId) ?? 0) + 1;
      actionsPerVersion.set(association.provisioningArtifactId, count);
      if (count === MAX_ACTIONS_PER_VERSION + 1) check.fail(path, `more than ${MAX_ACTIONS_PER_VERSION} actions on version ${association.provisioningArtifactId} (the AWS quota)`);
    }
    if (action && product && action.region !== product.region) check.fail(path, `action ${action.id} (${action.region}) and product ${product.id} (${product.region}) are in different regions`);
  });
  check.unique('associations', seed.associations, (a) => `${a?.serviceActionId}/${a?.provisioningArtifactId}`, 'association');

  const recordIds = new Set((seed.records ?? []).map((r) => r?.id));
  const provisionedProductIds = new Set<string>();
  seed.provisionedProducts.forEach((pp, i) => {
    const path = `provisionedProducts[${i}]`;
    if (!check.isObject(path, pp)) return;
    if (check.string(`${path}.id`, pp.id, { pattern: ID, patternHint: 'an id such as pp-abcd1234efgh5' })) provisionedProductIds.add(pp.id);
    check.string(`${path}.name`, pp.name, { pattern: PROVISIONED_PRODUCT_NAME, patternHint: 'a provisioned product name (1-128 of a-z A-Z 0-9 . _ -, starting with a letter or digit)' });
    checkAccount(`${path}.accountId`, pp.accountId);
    checkRegion(`${path}.region`, pp.region);
    check.string(`${path}.type`, pp.type, { optional: true, oneOf: PROVISIONED_PRODUCT_TYPES });
    check.string(`${path}.status`, pp.status, { oneOf: PROVISIONED_PRODUCT_STATUSES });
    check.string(`${path}.statusMessage`, pp.statusMessage, { optional: true });
    check.string(`${path}.physicalId`, pp.physicalId);
    check.string(`${path}.target`, pp.target, { optional: true, maxLength: 512 });
    const product = check.string(`${path}.productId`, pp.productId) ? products.get(pp.productId) : undefined;
    if (pp.productId && !product) check.fail(`${path}.productId`, `product "${pp.productId}" is not in products`);
    if (product && product.region !== pp.region) check.fail(`${path}.productId`, `product ${product.id} is in ${product.region}, not ${pp.region}`);
    if (product && Array.isArray(product.accountIds) && !product.accountIds.includes(pp.accountId)) {
      check.fail(`${path}.productId`, `product ${product.id} is not shared with account ${pp.accountId}`);
    }
    if (check.string(`${path}.provisioningArtifactId`, pp.provisioningArtifactId) && product && versionOwner.get(pp.provisioningArtifactId) !== product.id) {
      check.fail(`${path}.provisioningArtifactId`, `"${pp.provisioningArtifactId}" is not a version of product ${product.id}`);
    }
    validateTags(check, `${path}.tags`, pp.tags);
    check.time(`${path}.createdTime`, pp.createdTime);
    check.string(`${path}.userArn`, pp.userArn, { pattern: PRINCIPAL_ARN, patternHint: 'an IAM user, role or assumed-role ARN' });
    check.string(`${path}.userArnSession`, pp.userArnSession, { optional: true, pattern: PRINCIPAL_ARN, patternHint: 'an IAM user or assumed-role ARN' });
    check.string(`${path}.launchRoleArn`, pp.launchRoleArn, { optional: true, pattern: ROLE_ARN, patternHint: 'an IAM role ARN' });
    check.string(`${path}.idempotencyToken`, pp.idempotencyToken, { optional: true, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,127}$/ });
    if (check.string(`${path}.lastRecordId`, pp.lastRecordId, { optional: true }) && !recordIds.has(pp.lastRecordId)) {
      check.fail(`${path}.lastRecordId`, `record "${pp.lastRecordId}" is not in records`);
    }
    check.string(`${path}.lastProvisioningRecordId`, pp.lastProvisioningRecordId, { optional: true, pattern: ID });
    check.string(`${path}.lastSuccessfulProvisioningRecordId`, pp.lastSuccessfulProvisioningRecordId, { optional: true, pattern: ID });
  });
  check.unique('provisionedProducts', seed.provisionedProducts, (p) => p?.id, 'provisioned product id');
  check.unique('provisionedProducts', seed.provisionedProducts, (p) => p && `${p.accountId}/${p.region}/${p.name}`, 'name in the same account and region');

  (seed.records ?? []).forEach((record, i) => {
    const path = `records[${i}]`;
    if (!check.isObject(path, record)) return;
    check.string(`${path}.id`, record.id, { pattern: ID, patternHint: 'an id such as rec-abcd1234efgh5' });
    if (check.string(`${path}.provisionedProductId`, record.provisionedProductId) && !provisionedProductIds.has(record.provisionedProductId)) {
      check.fail(`${path}.provisionedProductId`, `provisioned product "${record.provisionedProductId}" is not in provisionedProducts`);
    }
    check.string(`${path}.recordType`, record.recordType);
    check.string(`${path}.status`, record.status, { oneOf: RECORD_STATUSES });
    check.time(`${path}.createdTime`, record.createdTime);
    if (check.time(`${path}.updatedTime`, record.updatedTime, { optional: true }) && Date.parse(record.updatedTime) < Date.parse(record.createdTime)) {
      check.fail(`${path}.updatedTime`, 'is before createdTime');
    }
    check.string(`${path}.userArn`, record.userArn, { optional: true, pattern: PRINCIPAL_ARN, patternHint: 'an IAM user, role or assumed-role ARN' });
    validateErrorsAndOutputs(check, path, record);
  });
  check.unique('records', seed.records ?? [], (r) => r?.id, 'record id');
  validateRecordHistories(check, seed);
  validateRoles(check, seed, accountIds);
  validateIdentityCenter(check, seed, accountIds);

  if (check.problems.length > 0) throw new SeedValidationError(check.problems, source);
  return seed;
}

/** Each history names an action and products it is associated with, in its region and accounts. */
function validateRecordHistories(check: SeedChecker, seed: Seed): void {
  (seed.recordHistories ?? []).forEach((history, i) => {
    const path = `recordHistories[${i}]`;
    if (!check.isObject(path, history)) return;
    const action = seed.serviceActions.find((candidate) => candidate?.id === history.serviceActionId);
    if (check.string(`${path}.serviceActionId`, history.serviceActionId) && !action) {
      check.fail(`${path}.serviceActionId`, `service action "${history.serviceActionId}" is not in serviceActions`);
    }
    if (check.stringList(`${path}.provisionedProductIds`, history.provisionedProductIds, { nonEmpty: true })) {
      history.provisionedProductIds.forEach((id, j) => {
        const pp = seed.provisionedProducts.find((candidate) => candidate?.id === id);
        const ppath = `${path}.provisionedProductIds[${j}]`;
        if (!pp) return check.fail(ppath, `provisioned product "${id}" is not in provisionedProducts`);
        if (!action) return;
        if (action.region !== pp.region || !action.accountIds?.includes(pp.accountId)) check.fail(ppath, `${id} is not in a region and account of action ${action.id}`);
        const associated = seed.associations.some((a) => a?.serviceActionId === action.id && a.provisioningArtifactId === pp.provisioningArtifactId);
        if (!associated) check.fail(ppath, `action ${action.id} is not associated with the version of ${id} (${pp.provisioningArtifactId})`);
      });
    }
    if (check.number(`${path}.runs`, history.runs, { min: 1, max: 1000 }) && !Number.isInteger(history.runs)) check.fail(`${path}.runs`, 'must be a whole number');
    const typicalOk = history.typicalSeconds === undefined || check.number(`${path}.typicalSeconds`, history.typicalSeconds, { min: 0 });
    if (check.number(`${path}.spreadSeconds`, history.spreadSeconds, { optional: true, min: 0 }) && typicalOk) {
      const typical = history.typicalSeconds ?? action?.outcome?.durationSeconds;
      if (typeof typical === 'number' && (history.spreadSeconds as number) > typical) check.fail(`${path}.spreadSeconds`, `must not exceed the typical duration (${typical}s)`);
    }
    check.string(`${path}.status`, history.status, { optional: true, oneOf: ['SUCCEEDED', 'FAILED'] });
    check.number(`${path}.everyHours`, history.everyHours, { optional: true, min: 0.001 });
  });
}

function validateActionDefinition(check: SeedChecker, path: string, action: Seed['serviceActions'][number]): void {
  const definition = action.definition;
  if (!check.isObject(`${path}.definition`, definition)) return;
  check.string(`${path}.definition.documentName`, definition.documentName, { maxLength: 1024 });
  check.string(`${path}.definition.documentVersion`, definition.documentVersion, { optional: true, maxLength: 1024 });
  check.string(`${path}.definition.assumeRole`, definition.assumeRole, { optional: true, maxLength: 1024 });
  const names = new Set<string>();
  if (check.isArray(`${path}.definition.parameters`, definition.parameters)) {
    definition.parameters.forEach((p, i) => {
      const ppath = `${path}.definition.parameters[${i}]`;
      if (!check.isObject(ppath, p)) return;
      if (check.string(`${ppath}.name`, p.name, { maxLength: 50 })) {
        if (names.has(p.name)) check.fail(`${ppath}.name`, `duplicate parameter "${p.name}"`);
        names.add(p.name);
      }
      check.string(`${ppath}.type`, p.type, { oneOf: ['TARGET', 'TEXT_VALUE'] });
    });
    if (JSON.stringify(definition.parameters).length > 1024) check.fail(`${path}.definition.parameters`, 'serialised to JSON must be at most 1024 characters (the definition value limit)');
  }
  if (action.defaultValues === undefined || !check.isObject(`${path}.defaultValues`, action.defaultValues)) return;
  for (const [name, values] of Object.entries(action.defaultValues)) {
    const dpath = `${path}.defaultValues.${name}`;
    const parameter = definition.parameters?.find((p) => p?.name === name);
    if (!parameter) check.fail(dpath, `"${name}" is not a parameter of the definition`);
    else if (parameter.type !== 'TEXT_VALUE') check.fail(dpath, 'only TEXT_VALUE parameters take defaults here (TARGET defaults come from the provisioned product)');
    if (!Array.isArray(values) || values.length > 25 || values.some((v) => typeof v !== 'string' || [...v].length > 512)) {
      check.fail(dpath, 'must be a list of at most 25 strings of at most 512 characters');
    }
  }
}

function validateTags(check: SeedChecker, path: string, tags: unknown): void {
  if (tags === undefined || !check.isObject(path, tags)) return;
  const entries = Object.entries(tags);
  if (entries.length > 50) check.fail(path, `at most 50 tags, got ${entries.length}`);
  for (const [key, value] of entries) {
    if ([...key].length > 128 || !TAG_TEXT.test(key)) check.fail(`${path}.${key}`, 'a tag key is 1-128 letters, spaces, digits or _ . : / = + - @');
    if (typeof value !== 'string' || value.length === 0 || [...value].length > 256 || !TAG_TEXT.test(value)) {
      check.fail(`${path}.${key}`, 'a tag value is 1-256 letters, spaces, digits or _ . : / = + - @');
    }
  }
}
