import { createRequire } from 'node:module';
import { SANDBOX_API_VERSION, type SandboxModule } from './sandboxApi';

/**
 * Loads the sandbox bundle (dist/sandbox.js) at run time. A computed `require` is left alone by the
 * bundler, so the emulator, its seed and the controller are never part of dist/extension.js and cost
 * activation nothing.
 */
export function loadSandboxModule(bundlePath: string): SandboxModule {
  const loaded = createRequire(__filename)(bundlePath) as Partial<SandboxModule> | undefined;
  if (loaded?.SANDBOX_API_VERSION !== SANDBOX_API_VERSION || typeof loaded.createSandboxController !== 'function') {
    throw new Error(`${bundlePath} does not match this version of the extension (sandbox API ${String(loaded?.SANDBOX_API_VERSION)}, expected ${SANDBOX_API_VERSION}).`);
  }
  return loaded as SandboxModule;
}
