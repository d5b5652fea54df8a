import { Card, CardBody, CardFooter, CardTitle, Title } from '@patternfly/react-core';
import type { ReactNode } from 'react';

/** A card of the User Center: a section named by its heading, its body, and an optional footer (its buttons). */
export function SectionCard({
  titleId,
  title,
  footer,
  children,
}: {
  titleId: string;
  title: string;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card component="section" aria-labelledby={titleId}>
      <CardTitle>
        <Title headingLevel="h2" size="lg" id={titleId}>
          {title}
        </Title>
      </CardTitle>
      <CardBody>{children}</CardBody>
      {footer ? <CardFooter>{footer}</CardFooter> : null}
    </Card>
  );
}
