import { listOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[assignment]`. */
export const assignmentSection = {
  prohibited_implied_role: listOption({
    default: ['admin'],
    help: 'Role names that may not be the implied role of an inference rule. An empty value ' + 'allows every role.',
  }),
} satisfies SectionSchema;
