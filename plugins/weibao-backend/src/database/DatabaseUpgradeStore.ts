/** @deprecated Moved to ./upgrades/DatabaseUpgradeStore: this re-export remains until every importer is updated. */
export * from './upgrades/DatabaseUpgradeStore';
