export { TeamOverviewPage } from './TeamOverviewPage';
export { TeamHomeCard } from './TeamHomeCard';
export { RiskChip } from './RiskChip';
