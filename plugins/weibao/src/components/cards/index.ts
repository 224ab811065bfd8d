export { SystemHealthCard } from './SystemHealthCard';
export { ContractCard } from './ContractCard';
