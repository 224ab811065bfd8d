export { HospitalSystemsPage } from './HospitalSystemsPage';
