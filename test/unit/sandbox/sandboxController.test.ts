import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import * as path from 'node:path';
import { AwsContext } from '../../../src/aws/awsContext';
import type { Environment } from '../../../src/aws/configFiles';
import { SecretRedactor } from '../../../src/aws/secrets';
import { AwsCallError } from '../../../src/aws/errors';
import { environmentOf, sessionDirOf, type SandboxServer, type SandboxServerOptions, type SandboxState, type SandboxControllerOptions } from '../../../src/sandbox/sandboxApi';
import { SandboxController } from '../../../src/sandbox/sandboxController';
import { startSandboxServer } from '../../../src/sandbox/sandboxServer';
import sampleSeed from '../../../src/emulator/seeds/sample.json';

/** The sandbox controller from source, with the real emulator, real files and the real SDK. */
describe('SandboxController', function () {
  this.timeout(30_000);
  let storageDir: string;
  let environments: Array<Environment | undefined>;
  let forgotten: string[][];
  let states: SandboxState[];
  let controllers: SandboxController[];
  const sampleProfiles = sampleSeed.credentials.map((credential) => credential.profileName);

  beforeEach(() => {
    storageDir = path.join(mkdtempSync(path.join(tmpdir(), 'sc-sandbox-')), 'sandbox');
    environments = [];
    forgotten = [];
    states = [];
    controllers = [];
  });
  afterEach(async () => {
    await Promise.all(controllers.map((controller) => controller.dispose()));
    rmSync(path.dirname(storageDir), { recursive: true, force: true });
  });

  function controller(overrides: Partial<SandboxControllerOptions> = {}): SandboxController {
    const created = new SandboxController({
      startServer: startSandboxServer,
      storageDir,
      useEnvironment: async (env) => {
        environments.push(env);
      },
      forgetRecords: (profiles) => {
        forgotten.push([...profiles]);
        return 0;
      },
      pid: 4242,
      isProcessAlive: () => true,
      ...overrides,
    });
    created.onDidChangeState((state) => states.push(state));
    controllers.push(created);
    return created;
  }

  function awsFor(env: Environment): AwsContext {
    return new AwsContext({ env, redactor: new SecretRedactor(), askMfaCode: async () => undefined, acceptLanguage: () => 'en' });
  }

  it('starts the emulator on 127.0.0.1, writes its AWS files into its own folder, and switches the AWS files to them', async () => {
    const sandbox = controller();
    const running = await sandbox.start();
    assert.equal(sandbox.state, 'on');
    assert.deepEqual(states, ['starting', 'on']);
    assert.match(running.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual([...running.profiles], sampleProfiles);
    assert.deepEqual([...running.regions], sampleSeed.regions);

    const dir = sessionDirOf(storageDir, 4242);
    assert.deepEqual(running.environment, environmentOf(dir));
    assert.deepEqual(environments, [running.environment]);
    assert.deepEqual(forgotten, [sampleProfiles], 'records of an earlier sandbox are dropped');
    const config = readFileSync(running.environment.AWS_CONFIG_FILE, 'utf8');
    assert.ok(config.includes(`endpoint_url = ${running.endpoint}`));
    assert.ok(!/endpoint_url = (?!http:\/\/127\.0\.0\.1:)/.test(config), 'every endpoint is the loopback emulator');
    if (process.platform !== 'win32') {
      assert.equal(statSync(running.environment.AWS_SHARED_CREDENTIALS_FILE).mode & 0o777, 0o600);
    }

    // The extension's own AWS layer, with only these two variables, lists the sample products.
    const aws = awsFor(running.environment);
    try {
      const catalog = await aws.profiles();
      assert.deepEqual(catalog.profiles.map((profile) => profile.name).sort(), [...sampleProfiles].sort());
      const products = await (await aws.apiFor('acme-payments-prod', 'us-east-1')).searchProvisionedProducts({ accessLevel: 'Account' });
      const expected = sampleSeed.provisionedProducts.filter((product) => product.accountId === '123456789012' && product.region === 'us-east-1');
      assert.deepEqual(products.map((product) => product.Id).sort(), expected.map((product) => product.id).sort());
    } finally {
      aws.dispose();
    }
  });

  it('listens on loopback only', async function () {
    const running = await controller().start();
    const port = Number(new URL(running.endpoint).port);
    // Addresses of this machine other than 127.0.0.1 that a server listening on every interface answers on:
    // its own external addresses, and on Linux 127.0.0.2 (all of 127.0.0.0/8 is routed to lo there, so this
    // needs no network at all). A listener on 0.0.0.0 proves each one before it counts.
    const candidates = [
      ...Object.values(networkInterfaces())
        .flat()
        .filter((address) => address && address.family === 'IPv4' && !address.internal)
        .map((address) => address!.address),
      ...(process.platform === 'linux' ? ['127.0.0.2'] : []),
    ];
    const reachable = await addressesAnEveryInterfaceServerAnswersOn(candidates);
    if (reachable.length === 0) {
      // Only where the machine has no address but 127.0.0.1 (e.g. macOS, whose lo0 holds 127.0.0.1 alone, with
      // no network): nothing could tell a loopback listener from one on every interface.
      this.skip();
    }
    for (const address of reachable) {
      assert.equal(await connectOutcome(address, port), 'refused', `the sandbox's port ${port} is not reachable on ${address}`);
    }
    assert.equal(await connectOutcome('127.0.0.1', port), 'connected', 'and it is on 127.0.0.1');
  });

  it('stops: back to the process environment, the records of its profiles dropped, the port closed, the files gone', async () => {
    const sandbox = controller();
    const running = await sandbox.start();
    forgotten.length = 0;
    await sandbox.stop();
    assert.equal(sandbox.state, 'off');
    assert.equal(sandbox.current, undefined);
    assert.deepEqual(states, ['starting', 'on', 'stopping', 'off']);
    assert.deepEqual(environments, [running.environment, undefined]);
    assert.deepEqual(forgotten, [sampleProfiles]);
    assert.ok(!existsSync(sessionDirOf(storageDir, 4242)));
    await assert.rejects(fetch(running.endpoint, { method: 'POST' }));
    await sandbox.stop();
    assert.equal(states.length, 4, 'stopping again does nothing');
  });

  it('starts once for concurrent callers, and a stop during a start waits for it', async () => {
    let serversStarted = 0;
    const sandbox = controller({
      startServer: async (options: SandboxServerOptions) => {
        serversStarted += 1;
        return startSandboxServer(options);
      },
    });
    const [a, b] = await Promise.all([sandbox.start(), sandbox.start()]);
    assert.equal(a, b);
    assert.equal(await sandbox.start(), a);
    assert.equal(serversStarted, 1);
    await sandbox.stop();

    const starting = sandbox.start();
    const stopping = sandbox.stop();
    await starting;
    await stopping;
    assert.equal(sandbox.state, 'off');
    assert.equal(serversStarted, 2);
  });

  it('starts afresh after a stop: what the first sandbox ran is gone', async () => {
    const sandbox = controller();
    const first = await sandbox.start();
    const firstAws = awsFor(first.environment);
    const product = sampleSeed.provisionedProducts.find((candidate) => candidate.accountId === '123456789012' && candidate.status === 'AVAILABLE')!;
    const action = sampleSeed.associations.find((association) => association.provisioningArtifactId === product.provisioningArtifactId)!;
    const api = await firstAws.apiFor('acme-payments-prod', product.region);
    const record = await api.executeServiceAction({ provisionedProductId: product.id, serviceActionId: action.serviceActionId, executeToken: 'token-1' });
    firstAws.dispose();
    await sandbox.stop();

    const second = await sandbox.start();
    const secondAws = awsFor(second.environment);
    try {
      const error = await (await secondAws.apiFor('acme-payments-prod', product.region)).describeRecord(record.RecordId!).then(
        () => assert.fail('the record of the first sandbox was found'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof AwsCallError);
      assert.equal(error.problem.kind, 'not-found');
    } finally {
      secondAws.dispose();
    }
  });

  it('removes the folders of sandboxes whose extension host is gone, and keeps the live ones', async () => {
    for (const pid of ['111', '222']) {
      mkdirSync(path.join(storageDir, pid), { recursive: true });
      writeFileSync(path.join(storageDir, pid, 'config'), '');
    }
    mkdirSync(path.join(storageDir, 'not-a-pid'));
    await controller({ isProcessAlive: (pid) => pid === 222 }).start();
    assert.ok(!existsSync(path.join(storageDir, '111')));
    assert.ok(existsSync(path.join(storageDir, '222')));
    assert.ok(existsSync(path.join(storageDir, 'not-a-pid')), 'only pid folders are ours');
  });

  it('goes back to the process environment when the sandbox cannot start', async () => {
    let server: SandboxServer | undefined;
    const sandbox = controller({
      startServer: async (options) => {
        server = await startSandboxServer(options);
        throw new Error('port trouble');
      },
      forgetRecords: () => assert.fail('nothing to forget'),
    });
    await assert.rejects(sandbox.start(), /port trouble/);
    assert.equal(sandbox.state, 'off');
    assert.deepEqual(states, ['starting', 'off']);
    assert.deepEqual(environments, [undefined]);
    await server?.stop();
    // A second try starts normally.
    const failing = controller({
      startServer: async () => {
        throw new Error('again');
      },
    });
    await assert.rejects(failing.start(), /again/);
    assert.ok(!existsSync(sessionDirOf(storageDir, 4242)));
  });

  it('dispose closes the server and removes the files without touching the AWS files', async () => {
    const sandbox = controller();
    const running = await sandbox.start();
    await sandbox.dispose();
    assert.equal(sandbox.state, 'off');
    assert.deepEqual(environments, [running.environment], 'deactivation does not switch files: the AWS layer goes away too');
    assert.ok(!existsSync(sessionDirOf(storageDir, 4242)));
    await assert.rejects(fetch(running.endpoint, { method: 'POST' }));
  });
});

/** How a TCP connection to address:port ends: accepted, refused (or reset), or no answer within 2 s. */
function connectOutcome(address: string, port: number): Promise<'connected' | 'refused' | 'no answer'> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('no answer');
    });
    socket.once('error', () => resolve('refused'));
  });
}

/** The candidates on which a server listening on 0.0.0.0 accepts connections from this machine. */
async function addressesAnEveryInterfaceServerAnswersOn(candidates: string[]): Promise<string[]> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '0.0.0.0', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const outcomes = await Promise.all(candidates.map(async (address) => ((await connectOutcome(address, port)) === 'connected' ? [address] : [])));
    return outcomes.flat();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
