// The organisation benchmark's floor: the AWS SDK alone (@aws-sdk/client-sso) listing every account of an IAM
// Identity Center session, 100 a page, in a plain Node process (no VS Code, no extension). Prints one JSON line:
// { coldMs, warmMs[], accounts }.
//   tsx bench/lib/ssoFloor.ts ENDPOINT REGION ACCESS_TOKEN
import { performance } from 'node:perf_hooks';
import { ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';

async function main(): Promise<void> {
  const [endpoint, region, accessToken] = process.argv.slice(2);
  const client = new SSOClient({ region, endpoint });
  let accounts = 0;
  const once = async (): Promise<number> => {
    const started = performance.now();
    let nextToken: string | undefined;
    accounts = 0;
    do {
      const page = await client.send(new ListAccountsCommand({ accessToken, maxResults: 100, nextToken }));
      accounts += page.accountList?.length ?? 0;
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    return performance.now() - started;
  };
  const coldMs = await once();
  const warmMs: number[] = [];
  for (let run = 0; run < 3; run++) warmMs.push(await once());
  client.destroy();
  process.stdout.write(`${JSON.stringify({ coldMs, warmMs, accounts })}\n`);
}

void main();
