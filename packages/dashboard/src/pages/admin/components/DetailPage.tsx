import { Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { AdminPage } from './AdminPage.tsx';
import { BackTo } from './DetailHeader.tsx';

export interface DetailTab<T> {
  /** The tab's key in the address (?tab=…). */
  key: string;
  title: string;
  testId?: string;
  content(entity: T): ReactNode;
}

/**
 * One object's page (a user, a group, a project): the way back to its list, its name as the title, its actions,
 * and its tabs once it has loaded, the open tab kept in the address (the first one by default). `children` holds
 * what the page adds around them (its dialogs and toasts).
 */
export function DetailPage<T extends { name: string }>({
  action,
  target,
  id,
  entity,
  fallbackTitle,
  list,
  actions,
  tabsLabel,
  tabs,
  children,
}: {
  /** The policy action of reading the object: the page needs it. */
  action: string;
  target?: Record<string, unknown>;
  id: string;
  entity: UseQueryResult<T>;
  /** The title until the object's name is known. */
  fallbackTitle: string;
  list: { path: string; label: string };
  actions(entity: T): ReactNode;
  tabsLabel: string;
  tabs: Array<DetailTab<T>>;
  children: ReactNode;
}) {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? tabs[0].key;
  const { data } = entity;
  return (
    <AdminPage
      action={action}
      target={target}
      title={data ? data.name : fallbackTitle}
      breadcrumb={<BackTo path={list.path} label={list.label} current={data?.name ?? id} />}
      actions={data ? actions(data) : null}
    >
      {entity.isLoading ? <LoadingState /> : null}
      {entity.error ? <ErrorState error={entity.error} retry={() => void entity.refetch()} action={action} /> : null}
      {data ? (
        <Tabs
          activeKey={tab}
          onSelect={(_event, key) => setParams({ tab: String(key) }, { replace: true })}
          aria-label={tabsLabel}
          mountOnEnter
          unmountOnExit
        >
          {tabs.map((each) => (
            <Tab
              key={each.key}
              eventKey={each.key}
              title={<TabTitleText>{each.title}</TabTitleText>}
              data-testid={each.testId}
            >
              {each.content(data)}
            </Tab>
          ))}
        </Tabs>
      ) : null}
      {children}
    </AdminPage>
  );
}
