import { Breadcrumb, BreadcrumbItem, PageBreadcrumb } from '@patternfly/react-core';
import { Link } from 'react-router';
import { t } from '../../../i18n/t.ts';

/** The way back from a detail page to its list. */
export function BackTo({ path, label, current }: { path: string; label: string; current: string }) {
  return (
    <PageBreadcrumb>
      <Breadcrumb aria-label={t('admin.breadcrumb')}>
        <BreadcrumbItem
          render={({ className, ariaCurrent }) => (
            <Link to={path} className={className} aria-current={ariaCurrent}>
              {label}
            </Link>
          )}
        />
        <BreadcrumbItem isActive>
          <bdi className="xloud-break">{current}</bdi>
        </BreadcrumbItem>
      </Breadcrumb>
    </PageBreadcrumb>
  );
}
