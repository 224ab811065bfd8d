import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { contractAcceptPermission } from '@weibao/plugin-weibao-common';
import type { WeibaoContext } from '../context';
import { requestContext, strictEntityRef } from '../request';
import type { WeibaoApiRouter } from '../router';
import { ContractService } from '../services/contracts/ContractService';
import { readFilters } from './readFilters';

/**
 * `GET /contract-standing`: a contract's standing (or the one covering a component today), read
 * under the caller's read permissions like a system's health. `POST /contracts/{namespace}/
 * {name}/acceptance`: records the final acceptance (终验) of a contract that runs from it, which
 * starts its period (who: the caller; when: now; the day given); permission
 * `weibao.contract.accept` on the contract entity; audited; append-only.
 */
export function contractRoutes(router: WeibaoApiRouter, ctx: WeibaoContext) {
  const { auditor, permissions } = ctx;
  const { credentialsOf, actorOf } = requestContext(ctx);
  const filtersOf = readFilters(ctx);
  const service = new ContractService(ctx);

  router.get('/contract-standing', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = ContractService.checkStandingKind(
      strictEntityRef('entityRef', req.query.entityRef),
    );
    const filters = await filtersOf(credentials, ['incidents', 'obligations']);
    res.json(await service.standing(entityRef, credentials, filters));
  });

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
      const credentials = await credentialsOf(req);
      const contract = await service.contract(req.params, credentials);
      const [decision] = await permissions.authorize(
        [{ permission: contractAcceptPermission, resourceRef: contractRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `${contractAcceptPermission.name}: only the owners of ${contractRef} (or an administrator) may record its final acceptance`,
        );
      }
      const acceptance = await service.recordAcceptance(
        contract,
        req.body,
        await actorOf(credentials),
      );
      await event.success({ meta: { recordedBy: acceptance.recordedBy } });
      res.status(201).json({
        ...acceptance,
        recordedAt: new Date(acceptance.recordedAt).toISOString(),
      });
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });
}
