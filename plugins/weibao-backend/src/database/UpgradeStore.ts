/** @deprecated Moved to ./upgrades/UpgradeStore: this re-export remains until every importer is updated. */
export * from './upgrades/UpgradeStore';
