/** @deprecated Moved to ./contracts/ContractAcceptanceStore: this re-export remains until every importer is updated. */
export * from './contracts/ContractAcceptanceStore';
