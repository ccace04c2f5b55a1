import * as vscode from 'vscode';
import type { AwsProblem } from '../aws/errors';
import type { AwsProfile } from '../aws/profiles';
import { accountLabel, ssoSourceReference } from '../aws/scopeNames';
import type { SsoAccount } from '../aws/ssoPortal';
import { profileForRole, type SsoSource } from '../aws/ssoSources';
import type { IdentityCenterDirectory } from '../catalog/identityCenterDirectory';
import { roleShown } from '../catalog/settings';
import { commands } from '../catalog/commands';
import { commandLink } from '../platform/vscode/commands';
import { accountMatches } from './accountFilters';
import { failureNodes } from './messageNodes';
import { MessageNode, type TreeNode } from './nodes';
import type { ProfileNode } from './profileNodes';
import { asOf } from './scopePresentation';

/** What the Identity Center nodes need of the view. */
export interface IdentityCenterNodeContext {
  directory: IdentityCenterDirectory;
  /** The profiles of the AWS files now (a role a profile names is shown as that profile). */
  profiles(): readonly AwsProfile[];
  /** `serviceCatalog.identityCenter.roles`. */
  shownRoles(): string[];
  accountFilter(source: SsoSource): string | undefined;
  /** The node of a discovered role (the view keeps one per role, so its expansion and products survive refreshes). */
  roleNode(source: SsoSource, account: SsoAccount, roleName: string, parent: SsoAccountNode): ProfileNode;
  /** Reads what the disk holds of these nodes' products, asking AWS nothing, before their rows are shown. */
  prime(nodes: TreeNode[]): Promise<void>;
}

/** An IAM Identity Center session (or the start URL of legacy SSO profiles): its accounts, listed with one portal call. */
export class SsoSessionNode implements TreeNode {
  readonly id: string;
  private accountNodes = new Map<string, SsoAccountNode>();

  constructor(
    readonly source: SsoSource,
    private readonly context: IdentityCenterNodeContext,
  ) {
    this.id = `sso-session:${source.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.source.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const { description, problem } = this.summary();
    item.description = description;
    item.iconPath = problem
      ? new vscode.ThemeIcon(problem.kind === 'sso-login-required' ? 'key' : 'error', new vscode.ThemeColor('list.errorForeground'))
      : new vscode.ThemeIcon('organization');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(this.source.label).appendMarkdown('**\n\n');
    const lines = [
      this.source.kind === 'session' ? vscode.l10n.t('IAM Identity Center session (sso-session {0})', this.source.id) : vscode.l10n.t('IAM Identity Center, legacy SSO profiles: {0}', this.source.profiles.join(', ')),
      vscode.l10n.t('Start URL: {0}', this.source.startUrl),
      vscode.l10n.t('Region: {0}', this.source.region),
      ...(this.context.accountFilter(this.source) ? [vscode.l10n.t('Accounts filtered by "{0}"', this.context.accountFilter(this.source)!)] : []),
      ...(problem ? [problem.detail, ...(problem.fix ? [problem.fix] : [])] : []),
    ];
    for (const line of lines) tooltip.appendMarkdown('- ').appendText(line).appendMarkdown('\n');
    item.tooltip = tooltip;
    item.contextValue = 'ssoSession';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    if (this.source.problem) {
      return [
        new MessageNode(`${this.id}/problem`, this, this.source.problem, {
          icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
          command: commandLink(commands.openAwsConfig, vscode.l10n.t('Open AWS Config')),
        }),
      ];
    }
    await this.context.directory.loadAccounts(this.source);
    const state = this.context.directory.accounts(this.source);
    const signIn = this.context.directory.signInProblem(this.source);
    // One "Sign in" for the whole session, whichever of its calls found the token missing or expired.
    const head = signIn ? failureNodes(this, signIn, ssoSourceReference(this.source.id)) : state.kind === 'failed' ? failureNodes(this, state.problem, false) : [];
    const accounts = 'value' in state && state.value ? state.value : [];
    const filter = this.context.accountFilter(this.source);
    const shown = accounts.filter((account) => accountMatches(account, filter));
    const accountNodes = shown.map((account) => this.accountNode(account));
    await Promise.all(accountNodes.map((node) => this.context.directory.primeRoles(this.source, node.account.accountId)));
    const nodes: TreeNode[] = accountNodes;
    if (state.kind === 'loading' && state.value) {
      nodes.push(new MessageNode(`${this.id}/progress`, this, vscode.l10n.t('{0} loaded so far…', accounts.length), { icon: new vscode.ThemeIcon('loading~spin') }));
    }
    if (state.kind === 'loaded' && shown.length === 0) {
      return [
        ...head,
        new MessageNode(`${this.id}/empty`, this, filter ? vscode.l10n.t('No account matches "{0}"', filter) : vscode.l10n.t('No accounts'), {
          icon: new vscode.ThemeIcon('circle-slash'),
          command: filter ? commandLink(commands.filterAccounts, vscode.l10n.t('Filter Accounts'), this) : undefined,
        }),
      ];
    }
    return [...head, ...nodes];
  }

  /** The node of an account, if its row has been shown. */
  account(accountId: string): SsoAccountNode | undefined {
    return this.accountNodes.get(accountId);
  }

  private summary(): { description: string; problem?: AwsProblem } {
    if (this.source.problem) {
      return { description: vscode.l10n.t('misconfigured'), problem: { kind: 'invalid-config', summary: vscode.l10n.t('misconfigured'), detail: this.source.problem, retryable: false } };
    }
    const signIn = this.context.directory.signInProblem(this.source);
    if (signIn) {
      return { description: signIn.summary, problem: signIn };
    }
    const state = this.context.directory.accounts(this.source);
    switch (state.kind) {
      case 'idle':
        return { description: '' };
      case 'loading':
        return { description: state.value ? vscode.l10n.t('{0} loaded so far…', state.value.length) : vscode.l10n.t('loading…') };
      case 'failed':
        return { description: state.problem.summary, problem: state.problem };
      case 'loaded': {
        const filter = this.context.accountFilter(this.source);
        const total = state.value.length;
        const shown = filter ? state.value.filter((account) => accountMatches(account, filter)).length : total;
        const count = filter ? vscode.l10n.t('{0} of {1} accounts', shown, total) : total === 1 ? vscode.l10n.t('1 account') : vscode.l10n.t('{0} accounts', total);
        return { description: state.savedAt !== undefined ? `${count} · ${asOf(state.savedAt)}` : count };
      }
    }
  }

  private accountNode(account: SsoAccount): SsoAccountNode {
    let node = this.accountNodes.get(account.accountId);
    if (!node) {
      node = new SsoAccountNode(this, account, this.context);
      this.accountNodes.set(account.accountId, node);
    } else {
      node.account = account;
    }
    return node;
  }
}

/** An account of a session: its roles, listed with one portal call when it is expanded. */
export class SsoAccountNode implements TreeNode {
  readonly id: string;
  /** The lines of roles a profile already names, kept per role (one object per id). */
  private readonly profileLinks = new Map<string, MessageNode>();

  constructor(
    readonly parent: SsoSessionNode,
    public account: SsoAccount,
    private readonly context: IdentityCenterNodeContext,
  ) {
    this.id = `${parent.id}/${account.accountId}`;
  }

  get source(): SsoSource {
    return this.parent.source;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.account.accountName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const state = this.context.directory.roles(this.source, this.account.accountId);
    const roles = state.kind === 'loaded' ? this.shownRoles(state.value).length : undefined;
    item.description = [this.account.accountId, roles === undefined ? undefined : roles === 1 ? vscode.l10n.t('1 role') : vscode.l10n.t('{0} roles', roles), state.kind === 'failed' ? state.problem.summary : undefined]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon(state.kind === 'failed' ? 'warning' : 'briefcase');
    item.tooltip = [accountLabel(this.account), this.account.emailAddress].filter(Boolean).join('\n');
    item.contextValue = 'ssoAccount';
    item.accessibilityInformation = { label: `${this.account.accountName}, ${this.account.accountId}` };
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    await this.context.directory.loadRoles(this.source, this.account.accountId);
    const state = this.context.directory.roles(this.source, this.account.accountId);
    if (state.kind === 'failed' && state.value === undefined) {
      if (state.problem.kind === 'sso-login-required') {
        this.context.directory.reportSignInNeeded(this.source, state.problem);
      }
      return failureNodes(this, state.problem, false);
    }
    const roles = 'value' in state && state.value ? state.value : [];
    const shown = this.shownRoles(roles);
    if (state.kind === 'loaded' && shown.length === 0) {
      return [
        new MessageNode(`${this.id}/no-role`, this, roles.length === 0 ? vscode.l10n.t('No roles') : vscode.l10n.t('No role named in serviceCatalog.identityCenter.roles'), {
          description: roles.length === 0 ? undefined : roles.join(', '),
          icon: new vscode.ThemeIcon('circle-slash'),
        }),
      ];
    }
    const nodes = shown.map((roleName) => this.roleNode(roleName));
    await this.context.prime(nodes);
    return nodes;
  }

  private shownRoles(roles: string[]): string[] {
    const setting = this.context.shownRoles();
    return roles.filter((role) => roleShown(role, setting));
  }

  private roleNode(roleName: string): TreeNode {
    const profile = profileForRole(this.source, { accountId: this.account.accountId, roleName }, this.context.profiles());
    if (profile) {
      // The profile that names this role is the scope; it is shown once, at the top of the view.
      const link = new MessageNode(`${this.id}/${roleName}`, this, roleName, {
        description: vscode.l10n.t('profile {0}', profile.name),
        tooltip: vscode.l10n.t('Profile "{0}" of the AWS config file names this account and role: its products are under that profile.', profile.name),
        icon: new vscode.ThemeIcon('link'),
        contextValue: 'ssoRoleProfile',
      });
      const known = this.profileLinks.get(roleName);
      known?.takeFrom(link);
      if (!known) this.profileLinks.set(roleName, link);
      return known ?? link;
    }
    return this.context.roleNode(this.source, this.account, roleName, this);
  }
}
