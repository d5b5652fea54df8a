import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function UserCenterPage() {
  return <ConsolePage title="UserCenterPage">{null}</ConsolePage>;
}
