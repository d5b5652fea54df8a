import { DescriptionListDescription, DescriptionListGroup, DescriptionListTerm } from '@patternfly/react-core';
import type { ReactNode } from 'react';

/** One labelled value of a description list. */
export function DescriptionItem({
  term,
  testId,
  className,
  children,
}: {
  term: string;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription className={className} data-testid={testId}>
        {children}
      </DescriptionListDescription>
    </DescriptionListGroup>
  );
}
