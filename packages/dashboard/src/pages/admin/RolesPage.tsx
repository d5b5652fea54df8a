import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function RolesPage() {
  return <ConsolePage title="RolesPage">{null}</ConsolePage>;
}
