import { IncidentsTable } from './IncidentsTable';

/**
 * Every incident the signed-in user may see, on every hospital system (the Weibao page's
 * Incidents tab); optionally only those of some teams' systems.
 *
 * @public
 */
export function IncidentsPage(props: { ownerRefs?: string[] }) {
  return <IncidentsTable ownerRefs={props.ownerRefs} />;
}
