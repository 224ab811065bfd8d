export { HospitalSystemCard } from './HospitalSystemCard';
