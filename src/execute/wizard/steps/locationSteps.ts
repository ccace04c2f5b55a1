import { t } from '@vscode/l10n';
import { isRegionName } from '../../../aws/regions';
import type { PickItem } from '../quickInput';
import type { ExecuteWizardContext, ProfileChoice } from '../wizardContext';
import { regionsOf, settle, type ExecuteStep, type StepDeps } from './common';

function listed(ctx: ExecuteWizardContext): ProfileChoice[] {
  return ctx.profiles.filter((profile) => profile.listed);
}

/** Answers the profile and region when there is only one to choose. */
export function onlyChoicesTask(): ExecuteStep {
  return {
    kind: 'task',
    shouldRun: (ctx) =>
      (ctx.profile === undefined && ctx.ssoSource === undefined && listed(ctx).length === 1 && !ctx.ssoSources?.length) ||
      (ctx.profile !== undefined && ctx.region === undefined && regionsOf(ctx, ctx.profile).length === 1),
    run: async (ctx) => {
      if (ctx.profile === undefined) {
        ctx.profile = listed(ctx)[0].name;
      }
      const regions = regionsOf(ctx, ctx.profile);
      if (ctx.region === undefined && regions.length === 1) {
        ctx.region = regions[0];
      }
      return 'next';
    },
  };
}

/**
 * The profiles, then the IAM Identity Center sessions: picking a session goes on to its accounts and their
 * roles (the next steps), whose answer is a scope like a profile.
 */
export function profileStep({ ui, memory }: StepDeps): ExecuteStep {
  return {
    kind: 'prompt',
    shouldRun: (ctx) => ctx.profile === undefined && ctx.ssoSource === undefined,
    run: async (ctx, frame, recall) => {
      const profiles = listed(ctx);
      const sources = ctx.ssoSources ?? [];
      if (profiles.length === 0 && sources.length === 0) {
        return {
          end: {
            kind: 'stopped',
            message: t('No AWS profile to use: add one to the AWS config or credentials file (or to the serviceCatalog.profiles setting).'),
          },
        };
      }
      const items: Array<PickItem<{ profile: string } | { source: string }>> = [
        ...profiles.map((profile) => ({ key: profile.name, label: profile.name, description: profile.description, value: { profile: profile.name } })),
        ...sources.map((source) => ({
          key: `sso-session:${source.id}`,
          icon: 'organization',
          label: source.label,
          description: source.description,
          detail: t('IAM Identity Center: pick an account and a role next'),
          value: { source: source.id },
        })),
      ];
      const lastProfile = recall.profile ?? memory.lastProfile();
      const result = await ui.pickOne({
        ...frame,
        placeholder: sources.length > 0 ? t('Pick the AWS profile, or the IAM Identity Center session, of the provisioned product') : t('Pick the AWS profile of the provisioned product'),
        items,
        activeKey: recall.ssoSource ? `sso-session:${recall.ssoSource}` : lastProfile,
      });
      return settle(result, (choice) => {
        if ('source' in choice) {
          ctx.ssoSource = choice.source;
        } else {
          ctx.profile = choice.profile;
        }
        return 'next';
      });
    },
  };
}

export function regionStep({ ui, memory }: StepDeps): ExecuteStep {
  return {
    kind: 'prompt',
    shouldRun: (ctx) =>
      ctx.region === undefined &&
      (ctx.profile === undefined ? listed(ctx).some((profile) => profile.regions.length !== 1) : regionsOf(ctx, ctx.profile).length !== 1),
    run: async (ctx, frame, recall) => {
      const profile = ctx.profile ?? '';
      const regions = regionsOf(ctx, profile);
      const remembered = (recall.profile === profile ? recall.region : undefined) ?? memory.lastRegion(profile);
      if (regions.length === 0) {
        const result = await ui.input({
          ...frame,
          prompt: t('Profile "{0}" has no region. Type the region of the provisioned product (set "region" in the profile or serviceCatalog.regions to skip this).', profile),
          placeholder: 'us-east-1',
          value: remembered ?? '',
          validate: (value) => (isRegionName(value.trim()) ? undefined : t('Type a region name such as us-east-1.')),
        });
        return settle(result, (region) => {
          ctx.region = region.trim();
          return 'next';
        });
      }
      const result = await ui.pickOne({
        ...frame,
        placeholder: t('Pick the region of the provisioned product ({0})', profile),
        items: regions.map((region) => ({ key: region, label: region, value: region })),
        activeKey: remembered,
      });
      return settle(result, (region) => {
        ctx.region = region;
        return 'next';
      });
    },
  };
}
