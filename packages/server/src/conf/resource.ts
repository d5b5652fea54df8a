import { choiceOption, integerOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

const URL_SAFE_CHOICES = ['off', 'new', 'strict'] as const;

/** keystone.conf `[resource]`. */
export const resourceSection = {
  admin_project_name: stringOption({
    help:
      'Name of the cloud admin project: project-scoped tokens carry is_admin_project, true for this ' +
      'project and false for any other, and policy rules can check it (is_admin_project:True). Needs ' +
      'admin_project_domain_name: start-up refuses one without the other. Unset: there is no admin ' +
      'project and tokens carry no is_admin_project.',
  }),
  admin_project_domain_name: stringOption({
    help: 'Name of the domain owning admin_project_name. Needs admin_project_name.',
  }),
  project_name_url_safe: choiceOption({
    default: 'off',
    choices: URL_SAFE_CHOICES,
    help:
      "Whether project names may contain URL-reserved characters (:/?#[]@!$&'()*+,;=): off; " +
      'new (creating or renaming a project to such a name is refused); strict (also scoping a ' +
      'token by such a name, though not by id, is refused).',
  }),
  domain_name_url_safe: choiceOption({
    default: 'off',
    choices: URL_SAFE_CHOICES,
    help: 'Like project_name_url_safe, for domain names (also a project scope naming its domain).',
  }),
  list_limit: integerOption({
    help: 'Maximum number of projects or domains in one list response. Unset: [DEFAULT] list_limit.',
  }),
} satisfies SectionSchema;
