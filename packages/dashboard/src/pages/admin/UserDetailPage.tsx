import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function UserDetailPage() {
  return <ConsolePage title="UserDetailPage">{null}</ConsolePage>;
}
