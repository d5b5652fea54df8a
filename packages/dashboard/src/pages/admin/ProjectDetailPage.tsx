import { Label, LabelGroup } from '@patternfly/react-core';
import type { Project } from '@xloud/sdk/browser';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { DescriptionItem } from '../../components/DescriptionItem.tsx';
import { t } from '../../i18n/t.ts';
import { EnabledLabel, Value } from './components/bits.tsx';
import { DetailList, NameIdDomain, TextDetail } from './components/DetailList.tsx';
import { DetailPage } from './components/DetailPage.tsx';
import { useAdminPermissions } from './components/permissions.ts';
import { Toasts, useToasts } from './components/Toasts.tsx';
import { ParentLink } from './ProjectCells.tsx';
import { ProjectDialogs, ProjectRowActions, useProjectName, type ProjectDialog } from './ProjectDialogs.tsx';
import { ProjectMembers } from './ProjectMembers.tsx';

const ACTIONS = [
  'identity:get_project',
  'identity:create_project',
  'identity:update_project',
  'identity:delete_project',
  'identity:list_role_assignments',
  'identity:create_grant',
  'identity:revoke_grant',
] as const;

/** One project: its members (users and groups with their roles on it) and its details. */
export default function ProjectDetailPage() {
  const { projectId = '' } = useParams();
  const navigate = useNavigate();
  const permissions = useAdminPermissions(ACTIONS);
  const allowed = (a: (typeof ACTIONS)[number]) => permissions.allowed(a) === true;
  const [dialog, setDialog] = useState<ProjectDialog | null>(null);
  const toasts = useToasts();
  const project = useProjectName(projectId, allowed('identity:get_project'));
  return (
    <DetailPage
      action="identity:get_project"
      target={{ project: { id: projectId } }}
      id={projectId}
      entity={project}
      fallbackTitle={t('admin.projects.detailTitle')}
      list={{ path: '/identity/projects', label: t('admin.projects.title') }}
      actions={(data) => (
        <ProjectRowActions
          project={data}
          onDialog={setDialog}
          permissions={{
            canCreate: allowed('identity:create_project'),
            canUpdate: allowed('identity:update_project'),
            canDelete: allowed('identity:delete_project'),
          }}
        />
      )}
      tabsLabel={t('admin.projects.tabs')}
      tabs={[
        {
          key: 'members',
          title: t('admin.tab.members'),
          testId: 'tab-members',
          content: (data) => (
            <ProjectMembers
              project={data}
              toasts={toasts}
              canList={allowed('identity:list_role_assignments')}
              canGrant={allowed('identity:create_grant')}
              canRevoke={allowed('identity:revoke_grant')}
            />
          ),
        },
        {
          key: 'details',
          title: t('admin.tab.details'),
          testId: 'tab-details',
          content: (data) => <ProjectDetails project={data} />,
        },
      ]}
    >
      <ProjectDialogs
        dialog={dialog}
        onClose={() => setDialog(null)}
        toasts={toasts}
        onDeleted={() => navigate('/identity/projects')}
      />
      <Toasts api={toasts} />
    </DetailPage>
  );
}

function ProjectDetails({ project }: { project: Project }) {
  return (
    <DetailList testId="project-details">
      <NameIdDomain entity={project} />
      <DescriptionItem term={t('admin.field.parent')}>
        <ParentLink project={project} />
      </DescriptionItem>
      <TextDetail term={t('admin.field.description')} value={project.description} />
      <DescriptionItem term={t('admin.field.status')}>
        <EnabledLabel enabled={project.enabled} />
      </DescriptionItem>
      <DescriptionItem term={t('admin.field.tags')}>
        {project.tags && project.tags.length > 0 ? (
          <LabelGroup numLabels={20} aria-label={t('admin.projects.tagsOf', { name: project.name })}>
            {project.tags.map((tag) => (
              <Label key={tag} isCompact color="blue">
                <bdi>{tag}</bdi>
              </Label>
            ))}
          </LabelGroup>
        ) : (
          <Value>{undefined}</Value>
        )}
      </DescriptionItem>
    </DetailList>
  );
}
