import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function ApplicationCredentialsPage() {
  return <ConsolePage title="ApplicationCredentialsPage">{null}</ConsolePage>;
}
