import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function RoleAssignmentsPage() {
  return <ConsolePage title="RoleAssignmentsPage">{null}</ConsolePage>;
}
