import { Label, LabelGroup } from '@patternfly/react-core';
import { t } from '../../i18n/t.ts';
import type { MyRole } from './my-roles.ts';

/** How a role is held, in words (a screen reader hears the same as what is shown). */
function roleText(role: MyRole): string {
  if (role.implied) return t('overview.role.impliedBy', { role: role.name, prior: role.impliedBy.join(', ') });
  const notes = [
    role.viaGroup ? t('overview.role.viaGroup') : null,
    role.inherited ? t('overview.role.inherited') : null,
  ].filter(Boolean);
  return notes.length > 0 ? t('overview.role.withNotes', { role: role.name, notes: notes.join(', ') }) : role.name;
}

/** Roles as labels: assigned ones filled, implied ones outlined and saying which role implies them. */
export function RoleLabels({ roles, label }: { roles: readonly MyRole[]; label: string }) {
  return (
    <LabelGroup numLabels={8} aria-label={label} isCompact>
      {roles.map((role) => (
        <Label
          key={role.id}
          isCompact
          color={role.implied ? 'grey' : 'blue'}
          variant={role.implied ? 'outline' : 'filled'}
          data-implied={role.implied ? 'true' : undefined}
        >
          {roleText(role)}
        </Label>
      ))}
    </LabelGroup>
  );
}

/** A token role with no provenance known: shown as is. */
export function plainRole(role: { id: string; name?: string }): MyRole {
  return { id: role.id, name: role.name ?? role.id, implied: false, impliedBy: [], viaGroup: false, inherited: false };
}
