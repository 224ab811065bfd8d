export { TeamOverviewPage } from './TeamOverviewPage';
export { TeamHomeCard, TeamHomeCardContent } from './TeamHomeCard';
export { RiskChip } from './RiskChip';
