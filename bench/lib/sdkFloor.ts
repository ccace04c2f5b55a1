// The tree benchmark's floor: the same three listings made by the AWS SDK alone, in a plain Node process (no
// VS Code, no extension), profiles in parallel, every page of 100. Prints one JSON line: { coldMs, warmMs[] }.
//   tsx bench/lib/sdkFloor.ts ENDPOINT CONFIG_FILE CREDENTIALS_FILE REGION PROFILE...
import { performance } from 'node:perf_hooks';
import { SearchProvisionedProductsCommand, ServiceCatalogClient } from '@aws-sdk/client-service-catalog';
import { fromIni } from '@aws-sdk/credential-provider-ini';

async function main(): Promise<void> {
  const [endpoint, configFilepath, filepath, region, ...profiles] = process.argv.slice(2);
  const clients = profiles.map(
    (profile) => new ServiceCatalogClient({ region, endpoint, credentials: fromIni({ profile, configFilepath, filepath }) }),
  );
  const listAll = async (client: ServiceCatalogClient): Promise<number> => {
    let count = 0;
    let token: string | undefined;
    do {
      const page = await client.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'User', Value: 'self' }, PageSize: 100, PageToken: token }));
      count += page.ProvisionedProducts?.length ?? 0;
      token = page.NextPageToken || undefined;
    } while (token);
    return count;
  };
  const once = async (): Promise<number> => {
    const started = performance.now();
    await Promise.all(clients.map(listAll));
    return performance.now() - started;
  };
  const coldMs = await once();
  const warmMs: number[] = [];
  for (let run = 0; run < 3; run++) warmMs.push(await once());
  clients.forEach((client) => client.destroy());
  process.stdout.write(`${JSON.stringify({ coldMs, warmMs })}\n`);
}

void main();
