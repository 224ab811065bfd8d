import type { WeibaoContext } from '../context';
import { requestContext } from '../request';
import type { WeibaoApiRouter } from '../router';
import { SystemHealthService } from '../services/health/SystemHealthService';
import { readFilters } from './readFilters';

/** `GET /systems/{namespace}/{name}/health`: the health card's one call. */
export function healthRoutes(router: WeibaoApiRouter, ctx: WeibaoContext) {
  const { credentialsOf } = requestContext(ctx);
  const filtersOf = readFilters(ctx);
  const service = new SystemHealthService(ctx);

  router.get('/systems/:namespace/:name/health', async (req, res) => {
    const credentials = await credentialsOf(req);
    // one permission round trip for every section of the summary
    const filters = await filtersOf(credentials, [
      'incidents',
      'obligations',
      'plans',
      'drills',
      'certificates',
    ]);
    const body = await service.systemHealth(req.params, credentials, filters);
    // written as the catalog writes an entity: serialized once, without express's ETag hashing
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  });
}
