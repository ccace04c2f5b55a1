import { paginateSearchProvisionedProducts, ServiceCatalogClient, type ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServiceCatalogExtensionApi } from '../../../src/extension';
import { EmulatorAdminClient } from '../../../src/emulator/adminClient';
import type { Seed } from '../../../src/emulator/seed/seedTypes';
import { emulatorEndpoint } from '../testEnvironment';
import { activateExtension, getExtension } from './extension';

/** The extension's exported API: the same objects the views and commands use. */
export async function extensionApi(): Promise<ServiceCatalogExtensionApi> {
  return (await activateExtension()).exports as ServiceCatalogExtensionApi;
}

export function emulatorAdmin(): EmulatorAdminClient {
  return new EmulatorAdminClient(emulatorEndpoint());
}

/** The seed the runner started the emulator with (the suites' expectations come from it). */
export function testSeed(): Seed {
  const seedFile = path.join(getExtension().extensionPath, 'test', 'fixtures', 'seeds', 'test.json');
  return JSON.parse(fs.readFileSync(seedFile, 'utf8')) as Seed;
}

/** Lists provisioned products straight from the emulator with the real SDK and a seed credential: the expected answer. */
export async function listWithSdk(
  credential: Seed['credentials'][number],
  region: string,
  accessLevel: 'User' | 'Role' | 'Account',
): Promise<ProvisionedProductAttribute[]> {
  const client = new ServiceCatalogClient({
    region,
    endpoint: emulatorEndpoint(),
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey, sessionToken: credential.sessionToken },
  });
  try {
    const products: ProvisionedProductAttribute[] = [];
    for await (const page of paginateSearchProvisionedProducts({ client }, { AccessLevelFilter: { Key: accessLevel, Value: 'self' } })) {
      products.push(...(page.ProvisionedProducts ?? []));
    }
    return products;
  } finally {
    client.destroy();
  }
}
