import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function GroupsPage() {
  return <ConsolePage title="GroupsPage">{null}</ConsolePage>;
}
