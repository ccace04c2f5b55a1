import type { ExecutionParameter } from '@aws-sdk/client-service-catalog';
import type { ProductTarget } from '../../catalog/products';
import type { ActionInfo, ExecutionPlan, ProductInfo } from '../executionPlan';
import type { AwsProblem } from '../../aws/errors';
import type { ExecutionParameters } from '../../aws/serviceCatalogApi';
import type { RecordRef } from '../../catalog/records';
import { secretNamesOf } from './secretParameters';

export interface ProfileChoice {
  name: string;
  /** The regions to offer: the profile's own and those of `serviceCatalog.regions`. */
  regions: string[];
  /** A few words about it (credential kind, region). */
  description?: string;
  /** False when the serviceCatalog.profiles setting hides it: not offered, but usable when named. */
  listed: boolean;
}

/** An IAM Identity Center session (or legacy start URL) offered in the first step, to pick an account and role of. */
export interface SsoSourceChoice {
  id: string;
  label: string;
  description?: string;
}

/** A parameter's answer: `values`, or undefined to let Service Catalog use its own value (TARGET). */
export interface ParameterAnswer {
  values?: string[];
}

/** The context every wizard step reads and answers into. */
export interface ExecuteWizardContext {
  confirmBeforeExecute: boolean;
  /** Stop at the review step even when confirmation is off ("Execute again"). */
  review: boolean;
  profiles: ProfileChoice[];
  /** The IAM Identity Center sessions offered beside the profiles. */
  ssoSources?: SsoSourceChoice[];
  /** Picked in the first step instead of a profile: the session whose accounts the next step lists. */
  ssoSource?: string;
  /** Picked in the account step. */
  ssoAccount?: { accountId: string; accountName: string };
  profile?: string;
  region?: string;
  /** The products to act on: one from the product step, one or several from the tree or the arguments. */
  targets?: ProductTarget[];
  /** `targets` as Service Catalog describes them now; those that cannot run now are in `skipped`. */
  products?: ProductInfo[];
  skipped?: Array<{ product: ProductInfo; reason: string }>;
  /** The actions of the products' version, for the action step. */
  actions?: ActionInfo[];
  action?: ActionInfo;
  definitions?: ExecutionParameter[];
  /** Parameters given by the caller: no parameter step is shown. */
  presetParameters?: ExecutionParameters;
  answers?: Record<string, ParameterAnswer>;
  /** The parameters of the action the user marks as secret (remembered per action; `secretParameters.ts`). */
  markedSecret?: string[];
}

/** Why the wizard ended before the review was confirmed (Escape is not an end: it is a cancel). */
export type WizardEnd =
  | { kind: 'stopped'; message: string; record?: RecordRef }
  | { kind: 'failed'; problem: AwsProblem; doing: string; profile?: string };

export function planOf(ctx: ExecuteWizardContext): ExecutionPlan {
  if (!ctx.action || !ctx.products?.length) {
    throw new Error('The wizard finished without a product and an action');
  }
  const parameters = explicitParameters(ctx);
  const parameterNames = (ctx.definitions ?? []).map((definition) => definition.Name ?? '').filter(Boolean);
  return {
    action: ctx.action,
    products: ctx.products,
    parameters,
    parameterNames,
    secretParameterNames: secretNamesOf([...parameterNames, ...Object.keys(parameters)], ctx.markedSecret),
    skipped: ctx.skipped ?? [],
  };
}

/** The values given: by the caller, or answered in the parameter steps (with given ones, only secrets asked again). */
export function explicitParameters(ctx: ExecuteWizardContext): ExecutionParameters {
  const parameters: ExecutionParameters = { ...ctx.presetParameters };
  for (const [name, answer] of Object.entries(ctx.answers ?? {})) {
    if (answer.values) {
      parameters[name] = answer.values;
    }
  }
  return parameters;
}

