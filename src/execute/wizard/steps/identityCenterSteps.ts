import { t } from '@vscode/l10n';
import { accountLabel, ssoSourceReference } from '../../../aws/scopeNames';
import type { SsoAccount } from '../../../aws/ssoPortal';
import type { PickItem } from '../quickInput';
import { failure, settle, type ExecuteStep, type StepDeps } from './common';

/** After a session was picked in the first step: one of its accounts (listed once, shared with the view). */
export function accountStep(deps: StepDeps): ExecuteStep {
  const { ui, source } = deps;
  return {
    kind: 'prompt',
    shouldRun: (ctx) => ctx.profile === undefined && ctx.ssoSource !== undefined && ctx.ssoAccount === undefined,
    run: async (ctx, frame, recall) => {
      const sessionId = ctx.ssoSource!;
      const session = ctx.ssoSources?.find((candidate) => candidate.id === sessionId);
      const listing = source.accounts(sessionId);
      const fresh = listing.fresh.then(accountItems);
      fresh.catch(() => undefined);
      let result;
      try {
        result = await ui.pickOne({
          ...frame,
          placeholder: t('Pick an account of {0} (search by name or id)', session?.label ?? sessionId),
          items: listing.cached ? accountItems(listing.cached) : fresh,
          refreshed: listing.cached ? fresh : undefined,
          activeKey: recall.ssoSource === sessionId ? recall.ssoAccount?.accountId : undefined,
        });
      } catch (error) {
        return failure(deps, error, t('Listing the accounts of {0}', session?.label ?? sessionId), ssoSourceReference(sessionId));
      }
      return settle(result, (account) => {
        if (!account) return 'cancel';
        ctx.ssoAccount = { accountId: account.accountId, accountName: account.accountName };
        return 'next';
      });
    },
  };
}

/** Then a role of that account: the answer is the scope to use, a profile that names the role or the discovered role. */
export function roleStep(deps: StepDeps): ExecuteStep {
  const { ui, source } = deps;
  return {
    kind: 'prompt',
    shouldRun: (ctx) => ctx.profile === undefined && ctx.ssoSource !== undefined && ctx.ssoAccount !== undefined,
    run: async (ctx, frame, recall) => {
      const sessionId = ctx.ssoSource!;
      const account = ctx.ssoAccount!;
      const roles = source.roles(sessionId, account.accountId);
      roles.catch(() => undefined);
      let result;
      try {
        result = await ui.pickOne({
          ...frame,
          placeholder: t('Pick a role in {0}', accountLabel(account)),
          items: roles.then((list) =>
            list.length > 0
              ? list.map((role) => ({ key: role.scope.name, icon: 'shield', label: role.roleName, description: role.scope.name === role.roleName ? undefined : role.scope.name, value: role.scope }))
              : [{ key: '', label: t('No role to use in this account'), detail: t('None that the serviceCatalog.identityCenter.roles setting shows. Go Back to pick another account.'), value: undefined, disabledReason: t('There is no role to pick here.') }],
          ),
          activeKey: recall.profile,
        });
      } catch (error) {
        return failure(deps, error, t('Listing the roles of {0}', accountLabel(account)), ssoSourceReference(sessionId));
      }
      return settle(result, (scope) => {
        if (!scope) return 'cancel';
        if (!ctx.profiles.some((profile) => profile.name === scope.name)) {
          ctx.profiles = [...ctx.profiles, scope];
        }
        ctx.profile = scope.name;
        return 'next';
      });
    },
  };
}

function accountItems(accounts: SsoAccount[]): Array<PickItem<SsoAccount | undefined>> {
  if (accounts.length === 0) {
    return [{ key: '', label: t('No accounts'), detail: t('This IAM Identity Center session reaches no account.'), value: undefined, disabledReason: t('There is no account to pick here.') }];
  }
  return accounts.map((account) => ({ key: account.accountId, icon: 'briefcase', label: account.accountName, description: account.accountId, detail: account.emailAddress, value: account }));
}
