import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function ProjectDetailPage() {
  return <ConsolePage title="ProjectDetailPage">{null}</ConsolePage>;
}
