import { Td } from '@patternfly/react-table';
import { Link } from 'react-router';
import { t } from '../../../i18n/t.ts';
import { EnabledLabel, Value } from './bits.tsx';

/** The objects that have a page of their own, under /identity/<kind>/<id>. */
export type LinkedKind = 'users' | 'groups' | 'projects';

/** A link to an object's page, its name always text (and laid out in its own direction). */
export function EntityLink({
  kind,
  id,
  name,
  testId,
}: {
  kind: LinkedKind;
  id: string;
  name: string;
  testId?: string;
}) {
  return (
    <Link to={`/identity/${kind}/${encodeURIComponent(id)}`} className="xloud-break" data-testid={testId}>
      <bdi>{name}</bdi>
    </Link>
  );
}

/** A row's name cell: the link to the object's page. */
export function NameCell({
  kind,
  entity,
  testId,
}: {
  kind: LinkedKind;
  entity: { id: string; name: string };
  testId?: string;
}) {
  return (
    <Td dataLabel={t('admin.field.name')}>
      <EntityLink kind={kind} id={entity.id} name={entity.name} testId={testId} />
    </Td>
  );
}

/** A cell of server text (a description, a domain name...); none when missing. */
export function TextCell({ label, value }: { label: string; value: unknown }) {
  return (
    <Td dataLabel={label}>
      <Value>{value}</Value>
    </Td>
  );
}

/** A row's enabled/disabled cell. */
export function StatusCell({ enabled }: { enabled: boolean | undefined }) {
  return (
    <Td dataLabel={t('admin.field.status')}>
      <EnabledLabel enabled={enabled} />
    </Td>
  );
}
