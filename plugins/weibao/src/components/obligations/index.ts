export { ObligationsCard } from './ObligationsCard';
export { ObligationPage } from './ObligationPage';
export { ObligationActions } from './ObligationActions';
export { CompleteObligationDialog } from './CompleteObligationDialog';
export { WaiveObligationDialog } from './WaiveObligationDialog';
export { ObligationStateChip } from './obligationText';
export { DutiesPage } from './DutiesPage';
