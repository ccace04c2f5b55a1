/** Whether a value has the shape of an AWS region name (`us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-central-2`). */
export function isRegionName(value: string): boolean {
  return /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(value);
}
