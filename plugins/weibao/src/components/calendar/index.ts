export { TeamCalendarPage, CalendarGrid } from './TeamCalendarPage';
