import { booleanOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[oslo_policy]` (oslo.policy). */
export const osloPolicySection = {
  policy_file: stringOption({
    help:
      'YAML (or JSON) file of policy rules that override the built-in defaults. Unset: ' + 'built-in defaults only.',
  }),
  enforce_scope: booleanOption({
    default: true,
    help:
      'Reject requests whose token scope (system, domain, project) does not match the scope_types of the ' +
      "policy. False: such a request is logged as a warning and the rule's check string alone decides " +
      "(oslo.policy's behaviour). oslo.policy >= 4.4 defaults to true.",
  }),
  enforce_new_defaults: booleanOption({
    default: true,
    help:
      'Evaluate only the new default rules, not the deprecated ones OR-ed with them. Xloud has only the new ' +
      'defaults, so false is refused at start-up; put an older rule you need in policy_file.',
  }),
} satisfies SectionSchema;
