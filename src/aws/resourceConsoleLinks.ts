import { consoleOrigin, isAwsConsoleUrl, provisionedProductConsoleUrl } from './consoleLinks';
import { isRegionName } from './regions';

/**
 * The AWS console page of a record output: the value itself when it is an AWS console URL, or the page
 * of the resource an ARN names, for the services listed below (their console's page of that resource,
 * or their console's home in the ARN's region). Anything else, and any URL that is not an https page of
 * an AWS console, gets none: the caller opens only what this returns.
 */
export function outputConsoleUrl(value: string, recordRegion: string): string | undefined {
  const text = value.trim();
  if (/^https:\/\//i.test(text)) {
    return isAwsConsoleUrl(text) ? text : undefined;
  }
  const arn = parseArn(text);
  if (!arn) {
    return undefined;
  }
  const region = arn.region || recordRegion;
  const page = isRegionName(region) ? servicePages[arn.service]?.(arn, region) : undefined;
  return page && isAwsConsoleUrl(page) ? page : undefined;
}

interface Arn {
  text: string;
  partition: string;
  service: string;
  region: string;
  resource: string;
}

function parseArn(text: string): Arn | undefined {
  const match = /^arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]{2,40}):([a-z0-9-]{0,30}):(\d{12})?:(.{1,1024})$/.exec(text);
  return match ? { text, partition: match[1], service: match[2], region: match[3], resource: match[5] } : undefined;
}

const enc = encodeURIComponent;

/** `type/id` or `type:id` of an ARN's resource part, when it is of `type`. */
function resourceOf(arn: Arn, type: string): string | undefined {
  const prefix = [`${type}/`, `${type}:`].find((candidate) => arn.resource.startsWith(candidate));
  return prefix ? arn.resource.slice(prefix.length) : undefined;
}

function home(region: string, path: string, fragment = ''): string {
  return `${consoleOrigin(region)}/${path}?region=${region}${fragment}`;
}

const servicePages: Record<string, (arn: Arn, region: string) => string | undefined> = {
  ec2: (arn, region) => {
    const instance = resourceOf(arn, 'instance');
    const volume = resourceOf(arn, 'volume');
    if (instance) return home(region, 'ec2/home', `#InstanceDetails:instanceId=${enc(instance)}`);
    if (volume) return home(region, 'ec2/home', `#VolumeDetails:volumeId=${enc(volume)}`);
    return home(region, 'ec2/home');
  },
  rds: (arn, region) => {
    const instance = resourceOf(arn, 'db');
    const cluster = resourceOf(arn, 'cluster');
    if (instance) return home(region, 'rds/home', `#database:id=${enc(instance)};is-cluster=false`);
    if (cluster) return home(region, 'rds/home', `#database:id=${enc(cluster)};is-cluster=true`);
    return home(region, 'rds/home');
  },
  lambda: (arn, region) => {
    const name = resourceOf(arn, 'function')?.split(':')[0];
    return home(region, 'lambda/home', name ? `#/functions/${enc(name)}` : '');
  },
  cloudformation: (arn, region) =>
    resourceOf(arn, 'stack') ? home(region, 'cloudformation/home', `#/stacks/stackinfo?stackId=${enc(arn.text)}`) : home(region, 'cloudformation/home'),
  ecs: (arn, region) => {
    const service = resourceOf(arn, 'service')?.split('/');
    const cluster = resourceOf(arn, 'cluster');
    if (service?.length === 2) return `${consoleOrigin(region)}/ecs/v2/clusters/${enc(service[0])}/services/${enc(service[1])}?region=${region}`;
    if (cluster) return `${consoleOrigin(region)}/ecs/v2/clusters/${enc(cluster)}?region=${region}`;
    return home(region, 'ecs/v2/home');
  },
  dynamodb: (arn, region) => {
    const table = resourceOf(arn, 'table')?.split('/')[0];
    return home(region, 'dynamodbv2/home', table ? `#table?name=${enc(table)}` : '');
  },
  sns: (arn, region) => home(region, 'sns/v3/home', `#/topic/${enc(arn.text)}`),
  states: (arn, region) => (resourceOf(arn, 'stateMachine') ? home(region, 'states/home', `#/statemachines/view/${enc(arn.text)}`) : home(region, 'states/home')),
  ssm: (arn, region) => {
    const execution = resourceOf(arn, 'automation-execution');
    return execution ? `${consoleOrigin(region)}/systems-manager/automation/execution/${enc(execution)}?region=${region}` : home(region, 'systems-manager/home');
  },
  secretsmanager: (arn, region) => {
    // A secret's ARN ends with a hyphen and six random characters that are not part of its name.
    const name = resourceOf(arn, 'secret')?.replace(/-[A-Za-z0-9]{6}$/, '');
    return name ? `${consoleOrigin(region)}/secretsmanager/secret?name=${enc(name)}&region=${region}` : home(region, 'secretsmanager/listsecrets');
  },
  kms: (arn, region) => {
    const key = resourceOf(arn, 'key');
    return home(region, 'kms/home', key ? `#/kms/keys/${enc(key)}` : '');
  },
  logs: (_arn, region) => home(region, 'cloudwatch/home', '#logsV2:log-groups'),
  s3: (arn, region) => {
    if (arn.partition !== 'aws') return undefined;
    const [bucket, ...key] = arn.resource.split('/');
    if (!/^[a-z0-9][a-z0-9.-]{1,62}$/.test(bucket)) return undefined;
    return key.length > 0
      ? `https://s3.console.aws.amazon.com/s3/object/${enc(bucket)}?region=${region}&prefix=${enc(key.join('/'))}`
      : `https://s3.console.aws.amazon.com/s3/buckets/${enc(bucket)}?region=${region}`;
  },
  iam: (arn) => {
    if (arn.partition !== 'aws') return undefined;
    const role = resourceOf(arn, 'role')?.split('/').pop();
    return role ? `https://console.aws.amazon.com/iam/home#/roles/details/${enc(role)}` : 'https://console.aws.amazon.com/iam/home';
  },
  servicecatalog: (arn, region) => {
    // A provisioned product: arn:aws:servicecatalog:<region>:<account>:stack/<name>/<pp-id>.
    const id = resourceOf(arn, 'stack')?.split('/')[1];
    return provisionedProductConsoleUrl(region, id) ?? home(region, 'servicecatalog/home');
  },
};
