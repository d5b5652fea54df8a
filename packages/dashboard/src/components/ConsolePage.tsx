import { Content, PageSection, Title } from '@patternfly/react-core';
import { useEffect, type ReactNode } from 'react';
import { t } from '../i18n/t.ts';

/** One page of the console: its title (also the document title), a short description, optional actions. */
export function ConsolePage({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title]);
  return (
    <>
      <PageSection>
        <div className="xloud-page-heading">
          <div>
            <Title headingLevel="h1">{title}</Title>
            {description ? <Content component="p">{description}</Content> : null}
          </div>
          {actions ? <div className="xloud-page-actions">{actions}</div> : null}
        </div>
      </PageSection>
      <PageSection isFilled>{children}</PageSection>
    </>
  );
}
