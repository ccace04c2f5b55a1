import assert from 'node:assert/strict';
import { request } from 'node:http';
import { ScanProvisionedProductsCommand } from '@aws-sdk/client-service-catalog';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index';
import { TEST_SEED_PATH } from '../../fixtures/seeds';
import { client } from './helpers';

/** A raw GET with a chosen Host header (fetch does not let a caller set Host). */
function get(emulator: RunningEmulator, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: emulator.port, path, method: 'GET', headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('emulator: adminApi and requireLoopbackHost (the extension sandbox settings)', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ seed: TEST_SEED_PATH, quiet: true, clockSpeed: 0, adminApi: false, requireLoopbackHost: true });
  });
  after(() => emulator.stop());

  it('still answers the SDK, which addresses it by 127.0.0.1', async () => {
    const { ProvisionedProducts } = await client(emulator).send(new ScanProvisionedProductsCommand({}));
    assert.ok((ProvisionedProducts ?? []).length > 0);
  });

  it('serves no admin route', async () => {
    const health = await get(emulator, '/_emulator/health', `127.0.0.1:${emulator.port}`);
    assert.notEqual(health.status, 200);
    assert.doesNotMatch(health.body, /"ok"/);
    assert.equal(emulator.counters().totalCalls, 2, 'it went to the AWS protocol, which refuses a GET');
  });

  it('answers 421 to a request for another host name (DNS rebinding), and accepts the loopback names', async () => {
    const rebound = await get(emulator, '/', `attacker.example:${emulator.port}`);
    assert.equal(rebound.status, 421);
    assert.equal((await get(emulator, '/', `127.0.0.1:${emulator.port + 1}`)).status, 421, 'another port');
    assert.equal((await get(emulator, '/', '127.0.0.1')).status, 421, 'no port');
    for (const host of [`localhost:${emulator.port}`, `LOCALHOST:${emulator.port}`, `[::1]:${emulator.port}`]) {
      assert.notEqual((await get(emulator, '/', host)).status, 421, host);
    }
  });
});
