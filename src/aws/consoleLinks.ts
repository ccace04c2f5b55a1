import { isRegionName } from './regions';

/**
 * Links into the AWS console. Built only from values that look like a region and an id, and checked
 * again before anything is opened, so a strange value from a record can never send the user elsewhere.
 */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** The console of a region's partition. */
export function consoleOrigin(region: string): string {
  if (region.startsWith('cn-')) {
    return `https://${region}.console.amazonaws.cn`;
  }
  if (region.startsWith('us-gov-')) {
    return 'https://console.amazonaws-us-gov.com';
  }
  return `https://${region}.console.aws.amazon.com`;
}

/** The provisioned product's page in the Service Catalog console of its region; undefined for values that do not fit. */
export function provisionedProductConsoleUrl(region: string, provisionedProductId: string | undefined): string | undefined {
  if (!provisionedProductId || !isRegionName(region) || !idPattern.test(provisionedProductId)) {
    return undefined;
  }
  const url = `${consoleOrigin(region)}/servicecatalog/home?region=${region}#/provisioned-products/${encodeURIComponent(provisionedProductId)}`;
  return isAwsConsoleUrl(url) ? url : undefined;
}

/** Whether a URL is an https page of an AWS console and nothing else. */
export function isAwsConsoleUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  const host = url.hostname;
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    (/^([a-z0-9-]+\.)?console\.aws\.amazon\.com$/.test(host) ||
      /^[a-z0-9-]+\.console\.amazonaws\.cn$/.test(host) ||
      host === 'console.amazonaws-us-gov.com')
  );
}
