import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function GroupDetailPage() {
  return <ConsolePage title="GroupDetailPage">{null}</ConsolePage>;
}
