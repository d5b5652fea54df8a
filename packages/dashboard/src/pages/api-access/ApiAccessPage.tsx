import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function ApiAccessPage() {
  return <ConsolePage title="ApiAccessPage">{null}</ConsolePage>;
}
