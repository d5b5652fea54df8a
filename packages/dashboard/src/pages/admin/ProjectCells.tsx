import { Label, LabelGroup } from '@patternfly/react-core';
import { Td } from '@patternfly/react-table';
import type { Project } from '@xloud/sdk/browser';
import { t } from '../../i18n/t.ts';
import { EntityLink, StatusCell } from './components/cells.tsx';
import type { CrudRights } from './components/permissions.ts';
import { ProjectRowActions, useProjectName, type ProjectDialog } from './ProjectDialogs.tsx';

function TagLabels({ tags, name }: { tags: string[] | undefined; name: string }) {
  if (!tags || tags.length === 0) return <span className="xloud-adm-muted">{t('value.none')}</span>;
  return (
    <LabelGroup
      numLabels={3}
      aria-label={t('admin.projects.tagsOf', { name })}
      expandedText={t('admin.labels.showLess')}
      collapsedText={t('admin.labels.more')}
    >
      {tags.map((tag) => (
        <Label key={tag} isCompact color="blue">
          <bdi>{tag}</bdi>
        </Label>
      ))}
    </LabelGroup>
  );
}

/** The cells every project row ends with, in the tree and in search results: tags, status, actions. */
export function ProjectCells({
  project,
  onDialog,
  rights,
}: {
  project: Project;
  onDialog(d: ProjectDialog): void;
  rights: CrudRights;
}) {
  return (
    <>
      <Td dataLabel={t('admin.field.tags')}>
        <TagLabels tags={project.tags} name={project.name} />
      </Td>
      <StatusCell enabled={project.enabled} />
      <Td isActionCell>
        <ProjectRowActions project={project} onDialog={onDialog} permissions={rights} />
      </Td>
    </>
  );
}

/** A project's parent: a link to it, or "top level" for a project right under its domain. */
export function ParentLink({ project }: { project: Project }) {
  const topLevel = !project.parent_id || project.parent_id === project.domain_id;
  const parent = useProjectName(topLevel ? null : project.parent_id);
  if (topLevel) return <span className="xloud-adm-muted">{t('admin.projects.topLevel')}</span>;
  return <EntityLink kind="projects" id={project.parent_id!} name={parent.data?.name ?? project.parent_id!} />;
}
