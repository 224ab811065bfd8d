export { EntityUpgradesContent } from './EntityUpgradesContent';
export { UpgradePlanPage } from './UpgradePlanPage';
export { UpgradeStatusChip, DrillResultChip } from './UpgradeChips';
