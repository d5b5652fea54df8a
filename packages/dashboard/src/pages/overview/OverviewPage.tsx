import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function OverviewPage() {
  return <ConsolePage title="OverviewPage">{null}</ConsolePage>;
}
