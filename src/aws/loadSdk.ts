/** The AWS SDK surface the extension uses (src/aws/sdk.ts). */
export type AwsSdk = typeof import('./sdk');

let loading: Promise<AwsSdk> | undefined;

/**
 * The AWS SDK, loaded on the first call and kept. In the extension bundle `./sdk` is the separate file
 * dist/aws-sdk.js (scripts/build.mjs), required only here; run from source (unit tests) it is the module itself.
 */
export function loadAwsSdk(): Promise<AwsSdk> {
  loading ??= Promise.resolve()
    // A plain require: the bundler turns it into require('./aws-sdk.js'), and it also works from source.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .then(() => require('./sdk') as AwsSdk)
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
