import { ConsolePage } from '../../components/ConsolePage.tsx';

/** Placeholder until the page is built. */
export default function ProjectsPage() {
  return <ConsolePage title="ProjectsPage">{null}</ConsolePage>;
}
