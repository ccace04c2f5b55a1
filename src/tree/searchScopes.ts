import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';
import { accountLabel } from '../aws/scopeNames';
import type { SsoSource } from '../aws/ssoSources';
import type { AwsProblem } from '../aws/errors';
import type { SearchScope } from '../catalog/productSearch';
import { roleShown } from '../catalog/settings';
import { passesViewFilter, type ViewFilter } from '../catalog/viewFilter';
import { accountMatches } from './accountFilters';
import { SsoAccountNode } from './identityCenterNodes';
import type { ProductScope } from './productScope';
import type { ProfileNode } from './profileNodes';
import type { ScopeContainer } from './nodes';

/** What deciding which scopes to search needs of the view. */
export interface SearchScopeContext {
  /** The session's token is missing or expired: its roles need a sign-in. */
  signInProblem(source: SsoSource): AwsProblem | undefined;
  accountFilter(source: SsoSource): string | undefined;
  /** `serviceCatalog.identityCenter.roles`. */
  shownRoles(): string[];
  /** The nodes whose children are the node's products (itself, or its regions). */
  containersOf(node: ProfileNode): ScopeContainer[];
  /** Filter All's filter: the search finds what the view shows. */
  viewFilter(): ViewFilter | undefined;
}

/**
 * The scopes Go to Provisioned Product searches: every region of the profiles the view shows, and of the discovered
 * roles it has listed and still shows (role setting, account filter); nothing the user cannot see in the view. A
 * scope that would prompt (a session to sign in to, an MFA code for a scope not listed yet) is searched in what is
 * known of it only, and counted as failed with the reason.
 */
export function searchScopesOf(nodes: readonly ProfileNode[], context: SearchScopeContext): SearchScope[] {
  const scopes: SearchScope[] = [];
  for (const node of nodes) {
    const role = node.profile.identityCenter;
    let label = node.profile.name;
    let signIn: AwsProblem | undefined;
    if (role) {
      const account = node.parent instanceof SsoAccountNode ? node.parent.account : undefined;
      if (!account || !accountMatches(account, context.accountFilter(role.source)) || !roleShown(role.roleName, context.shownRoles())) continue;
      label = `${accountLabel(account)} / ${role.roleName}`;
      signIn = context.signInProblem(role.source);
    }
    for (const container of context.containersOf(node)) {
      scopes.push(searchScope(container.scope, label, signIn ? signIn.summary : mfaPending(container.scope), context.viewFilter));
    }
  }
  return scopes;
}

function searchScope(scope: ProductScope, label: string, unreachable: string | undefined, viewFilter: () => ViewFilter | undefined): SearchScope {
  const shown = (products: ProvisionedProductAttribute[]) => {
    const filter = viewFilter();
    return filter ? products.filter((product) => passesViewFilter(product, filter)) : products;
  };
  return {
    scopeName: scope.profile.name,
    region: scope.region,
    label,
    ...(unreachable !== undefined ? { unreachable } : {}),
    known: async () => {
      const products = await scope.known();
      return products && shown(products);
    },
    answer: async () => shown(await scope.answer()),
  };
}

/** A profile that asks for an MFA code is listed by the search only once the view has listed it (its code was given). */
function mfaPending(scope: ProductScope): string | undefined {
  if (!scope.profile.mfaSerial) return undefined;
  const state = scope.state;
  const listed = (state.kind === 'loaded' && state.savedAt === undefined) || (state.kind === 'loading' && state.products !== undefined);
  return listed ? undefined : t('Needs an MFA code: expand it in the view first');
}
