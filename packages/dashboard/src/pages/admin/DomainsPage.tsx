import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function DomainsPage() {
  return <ConsolePage title="DomainsPage">{null}</ConsolePage>;
}
