import * as vscode from 'vscode';
import type { ConfigFileProblem } from '../aws/configFiles';
import type { AwsProblem } from '../aws/errors';
import type { AwsProfile } from '../aws/profiles';
import type { AccessLevel } from '../aws/serviceCatalogApi';
import { MessageNode, type ScopeContainer, type TreeNode } from './nodes';
import { failureFollowUp } from './scopePresentation';
import { commands } from '../catalog/commands';
import { commandLink } from '../platform/vscode/commands';

/** The nodes that explain instead of listing: a failure and what to do, an empty list, a missing region, a broken file. */

/**
 * What failed and what to do. `signIn` names what "Sign in with AWS SSO" signs in to (a profile, or an IAM Identity
 * Center session); `false` leaves it out, where the session's own node already offers it once for all its roles.
 */
export function failureNodes(container: TreeNode, problem: AwsProblem, signIn: string | false): TreeNode[] {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(problem.detail);
  if (problem.fix) {
    tooltip.appendMarkdown('\n\n').appendText(problem.fix);
  }
  tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Click to try again.'));
  const nodes: TreeNode[] = [
    new MessageNode(`${container.id}/failure`, container, problem.summary, {
      description: problem.detail,
      tooltip,
      icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
      command: commandLink(commands.refreshItem, vscode.l10n.t('Try Again'), container),
      contextValue: 'failure',
    }),
  ];
  const followUp = failureFollowUp(problem);
  if (followUp === 'sso-login') {
    if (signIn !== false) {
      nodes.push(signInNode(container, problem, signIn));
    }
  } else if (problem.fix) {
    nodes.push(
      new MessageNode(`${container.id}/fix`, container, problem.fix, {
        icon: new vscode.ThemeIcon('lightbulb'),
        command: followUp === 'open-config' ? commandLink(commands.openAwsConfig, vscode.l10n.t('Open AWS Config')) : undefined,
      }),
    );
  }
  return nodes;
}

export function signInNode(parent: TreeNode, problem: AwsProblem, target: string): TreeNode {
  return new MessageNode(`${parent.id}/sso`, parent, vscode.l10n.t('Sign in with AWS SSO'), {
    description: problem.ssoLoginCommand,
    icon: new vscode.ThemeIcon('sign-in'),
    command: commandLink(commands.ssoLogin, vscode.l10n.t('Sign In'), target),
  });
}

/** The last row of a listing whose pages are still arriving. */
export function progressNode(container: ScopeContainer, loaded: number): TreeNode {
  return new MessageNode(`${container.id}/progress`, container, vscode.l10n.t('{0} loaded so far…', loaded), {
    description: vscode.l10n.t('more are loading'),
    icon: new vscode.ThemeIcon('loading~spin'),
  });
}

/** Every product of a scope is hidden by Filter All: says how many, and clears it on click. */
export function filteredOutNode(container: ScopeContainer, hidden: number): TreeNode {
  return new MessageNode(`${container.id}/filtered-out`, container, vscode.l10n.t('No product matches the filter of the view'), {
    description: hidden === 1 ? vscode.l10n.t('1 hidden') : vscode.l10n.t('{0} hidden', hidden),
    icon: new vscode.ThemeIcon('filter'),
    tooltip: vscode.l10n.t('Filter All hides every product of this scope. Click to clear the filters.'),
    command: commandLink(commands.clearFilter, vscode.l10n.t('Clear Filter')),
  });
}

export function noRegionNode(parent: TreeNode, profile: AwsProfile): TreeNode {
  return new MessageNode(`${parent.id}/no-region`, parent, vscode.l10n.t('No region for this profile'), {
    description: vscode.l10n.t('add "region = …" to it, or set serviceCatalog.regions'),
    icon: new vscode.ThemeIcon('lightbulb'),
    tooltip: vscode.l10n.t('Profile "{0}" has no region. Add a region line to the profile in the AWS config file, or list regions in the serviceCatalog.regions setting.', profile.name),
    command: commandLink(commands.openAwsConfig, vscode.l10n.t('Open AWS Config')),
  });
}

export function configProblemNode(problem: ConfigFileProblem, index: number): TreeNode {
  const where = problem.line ? vscode.l10n.t('{0}, line {1}', problem.file, problem.line) : problem.file;
  return new MessageNode(`config-problem:${index}`, undefined, problem.message, {
    description: where,
    tooltip: `${where}: ${problem.message}`,
    icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
    command: commandLink(commands.openAwsConfig, vscode.l10n.t('Open File'), problem.file, problem.line),
    contextValue: 'configProblem',
  });
}

export function missingProfileNode(name: string): TreeNode {
  return new MessageNode(`missing:${name}`, undefined, vscode.l10n.t('Profile "{0}" not found', name), {
    description: vscode.l10n.t('listed in serviceCatalog.profiles'),
    icon: new vscode.ThemeIcon('warning'),
    command: commandLink(commands.chooseProfiles, vscode.l10n.t('Choose Profiles')),
  });
}

export function emptyScopeNode(container: ScopeContainer, filter: string | undefined, accessLevel: AccessLevel): TreeNode {
  return new MessageNode(`${container.id}/empty`, container, vscode.l10n.t('No provisioned products'), {
    description: filter ? vscode.l10n.t('matching "{0}"', filter) : vscode.l10n.t('in {0}', container.scope.region),
    icon: new vscode.ThemeIcon('circle-slash'),
    command: filter ? commandLink(commands.clearFilter, vscode.l10n.t('Clear Filter'), container) : undefined,
    tooltip: filter
      ? vscode.l10n.t('No provisioned product matches the filter. Click to clear it.')
      : vscode.l10n.t('This profile has no provisioned products in {0} that you can see with the "{1}" access level.', container.scope.region, accessLevel),
  });
}
