import { t } from '@vscode/l10n';
import type { AwsFiles } from '../../aws/configFiles';
import type { AwsProblem } from '../../aws/errors';

/** What a record says while it is not polled because its AWS files are not the ones read now. */
export function waitingForFiles(files: AwsFiles): AwsProblem {
  return files === 'user'
    ? {
        kind: 'invalid-config',
        summary: t('Waiting for your AWS files'),
        detail: t('This record was started with your own AWS profiles, which are not read while the sandbox runs. It is followed again when the sandbox stops.'),
        retryable: true,
      }
    : {
        kind: 'invalid-config',
        summary: t('Waiting for the sandbox'),
        detail: t('This record belongs to the sandbox, which is not running now.'),
        retryable: true,
      };
}
