import { choiceOption, integerOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

const URL_SAFE_CHOICES = ['off', 'new', 'strict'] as const;

/** keystone.conf `[resource]`. */
export const resourceSection = {
  admin_project_name: stringOption({
    help:
      'Name of the cloud admin project: tokens scoped to it carry is_admin_project=true. ' +
      'Needs admin_project_domain_name. Unset: there is no admin project.',
  }),
  admin_project_domain_name: stringOption({
    help: 'Name of the domain owning admin_project_name.',
  }),
  project_name_url_safe: choiceOption({
    default: 'off',
    choices: URL_SAFE_CHOICES,
    help:
      'Whether project names must be URL-safe: off; new (only when creating or renaming); ' +
      'strict (also when authenticating by name).',
  }),
  domain_name_url_safe: choiceOption({
    default: 'off',
    choices: URL_SAFE_CHOICES,
    help: 'Like project_name_url_safe, for domain names.',
  }),
  list_limit: integerOption({
    help: 'Maximum number of projects or domains in one list response. Unset: [DEFAULT] list_limit.',
  }),
} satisfies SectionSchema;
