import {
  AuditorService,
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { WeibaoConfig } from './config';
import { DatabaseCertificateStore } from './database/certificates/DatabaseCertificateStore';
import type { CertificateStore } from './database/certificates/CertificateStore';
import {
  ContractAcceptanceStore,
  DatabaseContractAcceptanceStore,
} from './database/contracts/ContractAcceptanceStore';
import { DatabaseHealthStore } from './database/health/DatabaseHealthStore';
import type { HealthStore } from './database/health/HealthStore';
import { DatabaseIncidentStore } from './database/incidents/DatabaseIncidentStore';
import type { IncidentStore } from './database/incidents/IncidentStore';
import { migratedClient } from './database/migrations';
import { DatabaseObligationStore } from './database/obligations/DatabaseObligationStore';
import type { ObligationStore } from './database/obligations/ObligationStore';
import { DatabaseUpgradeStore } from './database/upgrades/DatabaseUpgradeStore';
import type { UpgradeStore } from './database/upgrades/UpgradeStore';
import { CertificateService } from './services/certificates/CertificateService';
import { IncidentService } from './services/incidents/IncidentService';
import { ObligationService } from './services/obligations/ObligationService';
import { ObligationBulkActions } from './services/obligations/bulkActions';
import { UpgradeService } from './services/upgrades/UpgradeService';
import { DatabaseEvidenceFileStore } from './database/evidence/EvidenceFileStore';
import { DatabaseObligationRunStore } from './database/runs/ObligationRunStore';
import { EvidenceFileService } from './services/evidence/EvidenceFileService';
import { ObligationRunService } from './services/obligations/ObligationRunService';

/** The core services the routes and services use. */
export type WeibaoCoreServices = {
  auditor: AuditorService;
  auth: AuthService;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  userInfo: UserInfoService;
};

/**
 * Everything the plugin serves from, built once at start-up: the configuration, one store per
 * resource over one migrated knex client, and the services over them. Routes and tasks take
 * what they need from it.
 */
export type WeibaoContext = WeibaoCoreServices & {
  config: WeibaoConfig;
  /** The current instant (epoch ms) every service and route goes by. */
  now: () => number;
  incidents: { store: IncidentStore; service: IncidentService };
  obligations: {
    store: ObligationStore;
    service: ObligationService;
    bulk: ObligationBulkActions;
  };
  upgrades: { store: UpgradeStore; service: UpgradeService };
  certificates: { store: CertificateStore; service: CertificateService };
  acceptances: ContractAcceptanceStore;
  /** The read model of the per-system health summary. */
  health: HealthStore;
  /** Files attached to completions as evidence. */
  evidenceFiles: EvidenceFileService;
  /** Duties recorded by machines' runs. */
  obligationRuns: ObligationRunService;
};

/** Runs the migrations once, then builds the stores and services. */
export async function createWeibaoContext(
  options: WeibaoCoreServices & {
    database: DatabaseService;
    config: WeibaoConfig;
    now?: () => number;
  },
): Promise<WeibaoContext> {
  const { database, config, catalog, ...core } = options;
  const now = options.now ?? Date.now;
  const db = await migratedClient({ database });
  const calendarOptions = config.calendar;

  const acceptances = new DatabaseContractAcceptanceStore(db);
  const incidentStore = new DatabaseIncidentStore(db);
  const incidents = new IncidentService({
    store: incidentStore,
    acceptances,
    catalog,
    calendarOptions,
    warningThresholds: config.clocks.warningThresholds,
    recordTime: config.record,
    now,
  });

  const obligationStore = new DatabaseObligationStore(db);
  const obligations = new ObligationService({
    store: obligationStore,
    catalog,
    auth: core.auth,
    logger: core.logger,
    calendarOptions,
    leadTimeMs: config.obligations.leadTimeMs,
    now,
  });

  const upgradeStore = new DatabaseUpgradeStore(db);
  const upgrades = new UpgradeService({
    store: upgradeStore,
    catalog,
    obligations: { store: obligationStore, service: obligations },
    calendarOptions,
    ...config.upgrades,
    now,
  });

  const certificateStore = new DatabaseCertificateStore(db);
  const certificates = new CertificateService({
    store: certificateStore,
    catalog,
    now,
  });

  const evidenceFileStore = new DatabaseEvidenceFileStore(db);
  const evidenceFiles = new EvidenceFileService({
    store: evidenceFileStore,
    obligations,
    now,
  });

  return {
    ...core,
    catalog,
    config,
    now,
    incidents: { store: incidentStore, service: incidents },
    obligations: {
      store: obligationStore,
      service: obligations,
      bulk: new ObligationBulkActions(
        obligations,
        obligationStore,
        evidenceFileStore,
      ),
    },
    upgrades: { store: upgradeStore, service: upgrades },
    certificates: { store: certificateStore, service: certificates },
    acceptances,
    health: new DatabaseHealthStore(db),
    evidenceFiles,
    obligationRuns: new ObligationRunService({
      runs: new DatabaseObligationRunStore(db),
      store: obligationStore,
      service: obligations,
      files: evidenceFiles.store,
      calendarOptions,
      now,
    }),
  };
}
