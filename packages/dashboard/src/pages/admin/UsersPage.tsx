import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function UsersPage() {
  return <ConsolePage title="UsersPage">{null}</ConsolePage>;
}
