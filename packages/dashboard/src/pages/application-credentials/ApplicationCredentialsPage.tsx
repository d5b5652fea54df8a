import { Alert, AlertActionCloseButton, AlertGroup, Button } from '@patternfly/react-core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplicationCredential } from '@xloud/sdk/browser';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { identity } from '../../api/identity.ts';
import { ConsolePage } from '../../components/ConsolePage.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { t } from '../../i18n/t.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';
import { identityEndpoint } from '../api-access/credential-files.ts';
import './application-credentials.css';
import { CreateCredentialModal } from './CreateCredentialModal.tsx';
import { CreatedCredentialModal } from './CreatedCredentialModal.tsx';
import { CredentialsTable } from './CredentialsTable.tsx';
import { DeleteCredentialModal } from './DeleteCredentialModal.tsx';
import { ReadOnlyNotice } from './ReadOnlyNotice.tsx';

type Created = ApplicationCredential & { secret: string };

/**
 * Project → Identity → Application Credentials: the signed-in user's credentials, create (with the one-time
 * secret panel and ready-to-use downloads) and delete.
 */
export default function ApplicationCredentialsPage() {
  const { token } = useCurrentSession();
  const userId = token.user.id;
  const queryClient = useQueryClient();
  const createButton = useRef<HTMLButtonElement>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [deleting, setDeleting] = useState<ApplicationCredential | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const listKey = ['application-credentials', userId] as const;
  const list = useQuery({
    queryKey: listKey,
    queryFn: () => identity.applicationCredentials.list({}, { user_id: userId }),
  });
  // Names for the project column; the same query (and cache) as the header's scope menu.
  const projects = useQuery({
    queryKey: ['auth-projects', userId],
    queryFn: () => identity.auth.projects(),
    staleTime: 30_000,
  });

  // Keystone refuses credential management to a restricted application-credential session, and creation outside a project.
  const restrictedAppCred =
    token.application_credential && token.application_credential.restricted !== false
      ? token.application_credential
      : undefined;
  const canManage = !restrictedAppCred;
  const canCreate = canManage && Boolean(token.project);

  const projectNames = useMemo(() => new Map((projects.data ?? []).map((p) => [p.id, p.name])), [projects.data]);
  const projectName = (projectId: string | null) =>
    projectId
      ? (projectNames.get(projectId) ?? (projectId === token.project?.id ? token.project.name : projectId))
      : t('value.none');
  const existingNames = useMemo(() => new Set((list.data ?? []).map((c) => c.name)), [list.data]);
  // By name, as people look for them (the API's order is arbitrary).
  const sorted = useMemo(() => [...(list.data ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [list.data]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: listKey });
  const focusCreate = () => setTimeout(() => createButton.current?.focus(), 0);

  const createAction = canCreate ? (
    <Button ref={createButton} variant="primary" onClick={() => setCreating(true)} data-testid="create-app-cred">
      {t('appCreds.create')}
    </Button>
  ) : null;

  let body: ReactNode;
  if (list.isPending) body = <LoadingState />;
  else if (list.isError)
    body = (
      <ErrorState error={list.error} retry={() => void list.refetch()} action="identity:list_application_credentials" />
    );
  else if (list.data.length === 0)
    body = <EmptyState title={t('appCreds.emptyTitle')} body={t('appCreds.emptyBody')} />;
  else
    body = (
      <CredentialsTable credentials={sorted} projectName={projectName} canDelete={canManage} onDelete={setDeleting} />
    );

  return (
    <ConsolePage title={t('appCreds.title')} description={t('appCreds.description')} actions={createAction}>
      {notice ? (
        <AlertGroup isToast isLiveRegion>
          <Alert
            variant="success"
            title={notice}
            timeout
            actionClose={<AlertActionCloseButton onClose={() => setNotice(null)} />}
            onTimeout={() => setNotice(null)}
          />
        </AlertGroup>
      ) : null}
      <ReadOnlyNotice restrictedName={restrictedAppCred?.name} needsProject={canManage && !token.project} />
      {body}
      {creating && token.project ? (
        <CreateCredentialModal
          userId={userId}
          projectName={token.project.name}
          roles={token.roles ?? []}
          existingNames={existingNames}
          onClose={() => setCreating(false)}
          onCreated={(credential) => {
            setCreating(false);
            setCreated(credential as Created);
            void refresh();
          }}
        />
      ) : null}
      {created ? (
        <CreatedCredentialModal
          credential={created}
          endpoint={identityEndpoint(token)}
          onClose={() => {
            setCreated(null);
            focusCreate();
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteCredentialModal
          userId={userId}
          credential={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(credential) => {
            setDeleting(null);
            setNotice(t('appCreds.deleted', { name: credential.name }));
            void refresh();
            focusCreate();
          }}
        />
      ) : null}
    </ConsolePage>
  );
}
