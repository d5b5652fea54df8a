import { DescriptionList } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { DescriptionItem } from '../../../components/DescriptionItem.tsx';
import { t } from '../../../i18n/t.ts';
import { Value } from './bits.tsx';
import { useDomainName } from './DomainSelect.tsx';

/** The details tab of a detail page: the object's fields, labelled (each a DescriptionItem). */
export function DetailList({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <DescriptionList isHorizontal isCompact className="xloud-adm-tab-body" data-testid={testId}>
      {children}
    </DescriptionList>
  );
}

/** A field of server text; none when missing. */
export function TextDetail({ term, value }: { term: string; value: unknown }) {
  return (
    <DescriptionItem term={term}>
      <Value>{value}</Value>
    </DescriptionItem>
  );
}

/** The fields every user, group and project starts with: name, id, domain. */
export function NameIdDomain({ entity }: { entity: { name: string; id: string; domain_id?: string | null } }) {
  const domainName = useDomainName();
  return (
    <>
      <TextDetail term={t('admin.field.name')} value={entity.name} />
      <TextDetail term={t('admin.field.id')} value={entity.id} />
      <TextDetail term={t('admin.field.domain')} value={domainName(entity.domain_id)} />
    </>
  );
}
