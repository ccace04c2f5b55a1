import type { RecordDetail } from '@aws-sdk/client-service-catalog';
import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import type { ProductTarget } from '../catalog/products';
import type { ShowRecord } from '../catalog/records';
import type { Settings } from '../catalog/settings';
import { withoutIcons, withoutLinks } from '../platform/plainText';

export interface RecordHistoryDependencies {
  aws: AwsContext;
  settings: Settings;
  showRecord: ShowRecord;
}

/** Opens the panel of a product's last record, or says it has none. */
export function showLastRecord(deps: RecordHistoryDependencies, target: ProductTarget): void {
  const recordId = target.product?.LastRecordId;
  if (!recordId) {
    void vscode.window.showInformationMessage(withoutLinks(vscode.l10n.t('{0} has no record yet.', target.product?.Name ?? '')));
    return;
  }
  deps.showRecord({ profile: target.profile, region: target.region, recordId });
}

interface RecordPick extends vscode.QuickPickItem {
  record?: RecordDetail;
  loadMore?: string;
}

/** A product's records, newest first, a page at a time; the one picked opens in its panel. */
export async function showRecordHistory(deps: RecordHistoryDependencies, target: ProductTarget): Promise<void> {
  const { profile, region, provisionedProductId, product } = target;
  const api = await deps.aws.apiFor(profile, region);
  const quickPick = vscode.window.createQuickPick<RecordPick>();
  quickPick.title = vscode.l10n.t('Record history of {0}', product?.Name ?? provisionedProductId);
  quickPick.placeholder = vscode.l10n.t('Newest first; pick one to open it');
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  const records: RecordDetail[] = [];

  const load = async (pageToken?: string) => {
    quickPick.busy = true;
    try {
      const page = await api.listRecordHistory({ provisionedProductId, accessLevel: deps.settings.accessLevel, pageToken });
      records.push(...page.records);
      quickPick.items = [
        ...records.map(recordPick),
        ...(page.nextPageToken ? [{ label: `$(ellipsis) ${vscode.l10n.t('Load more')}`, loadMore: page.nextPageToken, alwaysShow: true }] : []),
      ];
      if (records.length === 0) {
        quickPick.placeholder = vscode.l10n.t('This product has no records');
      }
    } catch (error) {
      quickPick.hide();
      throw error;
    } finally {
      quickPick.busy = false;
    }
  };

  const done = new Promise<void>((resolve, reject) => {
    quickPick.onDidAccept(() => {
      const [choice] = quickPick.selectedItems;
      if (choice?.loadMore) {
        load(choice.loadMore).catch(reject);
      } else if (choice?.record?.RecordId) {
        quickPick.hide();
        deps.showRecord({ profile, region, recordId: choice.record.RecordId });
      }
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve();
    });
  });
  quickPick.show();
  await load();
  await done;
}

function recordPick(record: RecordDetail): RecordPick {
  const icon = record.Status === 'SUCCEEDED' ? '$(pass)' : record.Status === 'FAILED' ? '$(error)' : '$(sync)';
  return {
    label: `${icon} ${withoutIcons(record.RecordType ?? '')}`,
    description: withoutIcons(`${record.Status ?? ''} · ${record.CreatedTime?.toLocaleString() ?? ''}`),
    detail: withoutIcons(record.RecordId ?? ''),
    record,
  };
}
