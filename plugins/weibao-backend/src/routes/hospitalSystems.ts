import { InputError } from '@backstage/errors';
import { HospitalSystemList } from '@weibao/plugin-weibao-common';
import type { WeibaoContext } from '../context';
import { refOf, requestContext } from '../request';
import type { WeibaoApiRouter } from '../router';
import { listHospitalSystems } from '../services/catalog/hospitalSystems';

/** `GET /hospital-systems?owner=`: the hospital systems in the catalog, of one team or all. */
export function hospitalSystemRoutes(
  router: WeibaoApiRouter,
  ctx: WeibaoContext,
) {
  const { credentialsOf } = requestContext(ctx);
  router.get('/hospital-systems', async (req, res) => {
    const credentials = await credentialsOf(req);
    const unknown = Object.keys(req.query).find(k => k !== 'owner');
    if (unknown) {
      throw new InputError(
        `${unknown}: unknown query parameter of /hospital-systems (it takes owner)`,
      );
    }
    const owner = parseOwnerQuery(req.query.owner);
    const body: HospitalSystemList = {
      items: await listHospitalSystems(ctx.catalog, credentials, { owner }),
    };
    res.json(body);
  });
}

function parseOwnerQuery(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new InputError(
      'owner: must be one entity reference such as group:default/his-aftersales-guangxi',
    );
  }
  return refOf('owner', value, 'group');
}
