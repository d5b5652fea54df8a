import { MenuToggle } from '@patternfly/react-core';
import { EllipsisVIcon } from '@patternfly/react-icons/dist/esm/icons/ellipsis-v-icon.js';
import { ActionsColumn } from '@patternfly/react-table';

export interface RowAction {
  title: string;
  onClick(): void;
  testId?: string;
  isDanger?: boolean;
}

/**
 * A row's action menu (kebab), named after the row ("Actions for alice") so screen-reader and keyboard users know
 * which row it acts on. Renders nothing when no action is allowed.
 */
export function RowActions({
  label,
  actions,
}: {
  label: string;
  actions: Array<RowAction | false | null | undefined>;
}) {
  const items = actions.filter((a): a is RowAction => Boolean(a));
  if (items.length === 0) return null;
  return (
    <ActionsColumn
      items={items.map((a) => ({
        title: a.title,
        onClick: () => a.onClick(),
        isDanger: a.isDanger,
        'data-testid': a.testId,
      }))}
      popperProps={{ position: 'right' }}
      actionsToggle={({ onToggle, isOpen, isDisabled, toggleRef }) => (
        <MenuToggle
          ref={toggleRef}
          onClick={onToggle}
          isExpanded={isOpen}
          isDisabled={isDisabled}
          variant="plain"
          aria-label={label}
          icon={<EllipsisVIcon />}
          data-testid="row-actions"
        />
      )}
    />
  );
}
