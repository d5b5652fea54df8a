import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { CatalogEntry } from '@xloud/sdk/browser';
import { CopyValue } from '../../components/CopyButton.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { t } from '../../i18n/t.ts';

const INTERFACE_ORDER = ['public', 'internal', 'admin'];

interface Row {
  key: string;
  service: string;
  type: string;
  interface: string;
  region: string;
  url: string;
}

/** The catalog flattened to one row per endpoint, sorted by service type and then public, internal, admin. */
function catalogRows(catalog: readonly CatalogEntry[]): Row[] {
  return catalog
    .flatMap((entry) =>
      entry.endpoints.map((e) => ({
        key: `${entry.id}:${e.id}`,
        service: entry.name || entry.type,
        type: entry.type,
        interface: e.interface,
        region: e.region_id ?? e.region ?? '',
        url: e.url,
      })),
    )
    .sort(
      (a, b) =>
        a.type.localeCompare(b.type) ||
        INTERFACE_ORDER.indexOf(a.interface) - INTERFACE_ORDER.indexOf(b.interface) ||
        a.region.localeCompare(b.region),
    );
}

/** The current token's service catalog: what the CLI will reach for each service type. */
export function CatalogTable({ catalog }: { catalog: readonly CatalogEntry[] }) {
  const rows = catalogRows(catalog);
  if (rows.length === 0) return <EmptyState title={t('apiAccess.noCatalogTitle')} body={t('apiAccess.noCatalog')} />;
  return (
    <Table
      aria-label={t('apiAccess.endpointsLabel')}
      gridBreakPoint="grid-lg"
      variant="compact"
      data-testid="catalog-table"
    >
      <Thead>
        <Tr>
          <Th>{t('apiAccess.col.service')}</Th>
          <Th>{t('apiAccess.col.type')}</Th>
          <Th>{t('apiAccess.col.interface')}</Th>
          <Th>{t('apiAccess.col.region')}</Th>
          <Th width={40}>{t('apiAccess.col.url')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((r) => (
          <Tr key={r.key} data-testid="catalog-row">
            <Td dataLabel={t('apiAccess.col.service')} className="xloud-break">
              {r.service}
            </Td>
            <Td dataLabel={t('apiAccess.col.type')} className="xloud-break">
              {r.type}
            </Td>
            <Td dataLabel={t('apiAccess.col.interface')}>{r.interface}</Td>
            <Td dataLabel={t('apiAccess.col.region')} className="xloud-break">
              {r.region || t('apiAccess.noRegion')}
            </Td>
            <Td dataLabel={t('apiAccess.col.url')} className="xloud-break">
              {/* Inline, so a long URL wraps instead of being cut off in a narrow input on a phone. */}
              <CopyValue
                value={r.url}
                label={t('apiAccess.copyUrl', { type: r.type, interface: r.interface })}
                inline
              />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
