export { IncidentsTable } from './IncidentsTable';
export type { IncidentsTableProps } from './IncidentsTable';
export { ReportIncidentDialog } from './ReportIncidentDialog';
export type { ReportIncidentDialogProps } from './ReportIncidentDialog';
export { EntityIncidentsContent } from './EntityIncidentsContent';
export { IncidentsPage } from './IncidentsPage';
export { IncidentPage } from './IncidentPage';
