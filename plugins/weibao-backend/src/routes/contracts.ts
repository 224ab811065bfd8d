import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  acceptanceProblem,
  contractAcceptPermission,
  DEFAULT_TIME_ZONE,
  isMaintenanceContractEntity,
} from '@weibao/plugin-weibao-common';
import { DateTime } from 'luxon';
import type { ContractAcceptanceStore } from '../database/contracts/ContractAcceptanceStore';
import type { WeibaoApiRouter } from './incidentRouter';
import { requestContext } from './requestContext';

export type AcceptanceRoutesOptions = {
  store: ContractAcceptanceStore;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  now: () => number;
};

/**
 * `POST /contracts/{namespace}/{name}/acceptance`: records the final acceptance (终验) of a
 * contract that runs from it, which starts its period (who: the caller; when: now; the day
 * given). Permission `weibao.contract.accept` on the contract entity; audited; append-only.
 */
export function acceptanceRoutes(options: AcceptanceRoutesOptions) {
  const { store, catalog, auditor, permissions, now } = options;
  const ctx = requestContext(
    options.httpAuth,
    options.userInfo,
    options.permissions,
  );
  return (router: WeibaoApiRouter) => {
    router.post('/contracts/:namespace/:name/acceptance', async (req, res) => {
      const contractRef = stringifyEntityRef({
        kind: 'MaintenanceContract',
        namespace: req.params.namespace,
        name: req.params.name,
      });
      const event = await auditor.createEvent({
        eventId: 'contract-acceptance',
        severityLevel: 'high',
        request: req,
        meta: { contractRef, acceptedOn: req.body.acceptedOn },
      });
      try {
        const credentials = await ctx.credentialsOf(req);
        const contract = await catalog.getEntityByRef(contractRef, {
          credentials,
        });
        if (!contract || !isMaintenanceContractEntity(contract)) {
          throw new NotFoundError(
            `contractRef: ${contractRef} is not a MaintenanceContract in the catalog`,
          );
        }
        const [decision] = await permissions.authorize(
          [{ permission: contractAcceptPermission, resourceRef: contractRef }],
          { credentials },
        );
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `${contractAcceptPermission.name}: only the owners of ${contractRef} (or an administrator) may record its final acceptance`,
          );
        }
        const at = now();
        const today = DateTime.fromMillis(at, {
          zone: DEFAULT_TIME_ZONE,
        }).toISODate()!;
        const problem = acceptanceProblem(
          contract.spec.period,
          req.body.acceptedOn,
          today,
        );
        if (problem) {
          const message = `${problem.field}: ${problem.reason}`;
          throw problem.conflict
            ? new ConflictError(message)
            : new InputError(message);
        }
        const acceptance = {
          contractRef,
          acceptedOn: req.body.acceptedOn,
          ...(req.body.note ? { note: req.body.note } : {}),
          recordedBy: await ctx.actorOf(credentials),
          recordedAt: at,
        };
        await store.record(acceptance);
        await event.success({ meta: { recordedBy: acceptance.recordedBy } });
        res.status(201).json({
          ...acceptance,
          recordedAt: new Date(at).toISOString(),
        });
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    });
  };
}
