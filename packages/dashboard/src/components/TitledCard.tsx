import { Card, CardBody, CardTitle, Title } from '@patternfly/react-core';
import type { ReactNode } from 'react';

/** A card with a heading and a body (the Overview's and API Access's cards). */
export function TitledCard({
  title,
  isFullHeight,
  children,
}: {
  title: string;
  isFullHeight?: boolean;
  children: ReactNode;
}) {
  return (
    <Card isFullHeight={isFullHeight}>
      <CardTitle>
        <Title headingLevel="h2">{title}</Title>
      </CardTitle>
      <CardBody>{children}</CardBody>
    </Card>
  );
}
