import { Table, Tbody, Th, Thead, Tr } from '@patternfly/react-table';
import type { ReactNode } from 'react';
import { t } from '../i18n/t.ts';

export interface DataTableProps {
  /** The table's accessible name. */
  label: string;
  testId: string;
  /** The column heads, in order; the rows' cells follow them. */
  columns: string[];
  /** A last column for the rows' actions (its head is for screen readers only). */
  hasActions?: boolean;
  /** Compact rows (the console's usual tables); false for roomier ones. */
  isCompact?: boolean;
  /** Below which width the rows turn into stacked cards (PatternFly's default: grid-md). */
  gridBreakPoint?: 'grid-md' | 'grid-lg';
  isTreeTable?: boolean;
  /** Marks the table busy while the next page loads. */
  busy?: boolean;
}

/** A table of the console: the column heads, then the rows (`children`, each a Tr of cells in column order). */
export function DataTable({
  label,
  testId,
  columns,
  hasActions = true,
  isCompact = true,
  gridBreakPoint,
  isTreeTable,
  busy,
  children,
}: DataTableProps & { children: ReactNode }) {
  return (
    <Table
      isTreeTable={isTreeTable}
      aria-label={label}
      gridBreakPoint={gridBreakPoint}
      variant={isCompact ? 'compact' : undefined}
      data-testid={testId}
      aria-busy={busy}
    >
      <Thead>
        <Tr>
          {columns.map((column) => (
            <Th key={column}>{column}</Th>
          ))}
          {hasActions ? <Th screenReaderText={t('action.actions')} /> : null}
        </Tr>
      </Thead>
      <Tbody>{children}</Tbody>
    </Table>
  );
}
