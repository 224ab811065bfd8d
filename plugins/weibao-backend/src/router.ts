import {
  AuditorService,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CalendarOptions,
  HospitalSystemList,
} from '@weibao/plugin-weibao-common';
import express from 'express';
import Router from 'express-promise-router';
import { calendarRoutes } from '../calendar/calendarRoutes';
import type { IncidentStore } from '../database/IncidentStore';
import { listHospitalSystems } from './hospitalSystems';
import {
  certificateRouter,
  CertificateRouterOptions,
} from './certificateRouter';
import { spec } from '../schema/openapi';
import { certificatesSpec } from '../schema/certificatesOpenapi';
import {
  incidentRouter,
  IncidentRouterOptions,
  WeibaoApiRouter,
} from './incidentRouter';
import type { ObligationStore } from '../database/obligations/ObligationStore';
import type { ObligationService } from '../services/obligations/ObligationService';
import type { IncidentService } from './IncidentService';
import { portalRoutes } from './portalRoutes';
import { refOf } from './requestContext';

/** The whole `/api/weibao` description, served at `/openapi.json`. */
function fullSpec(server: string) {
  return {
    ...spec,
    info: { ...spec.info, title: 'weibao' },
    servers: [{ url: server }],
    paths: { ...spec.paths, ...certificatesSpec.paths },
    components: {
      schemas: {
        ...spec.components.schemas,
        ...(certificatesSpec as { components?: { schemas?: object } })
          .components?.schemas,
      },
    },
  };
}

export type RouterOptions = {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  calendarOptions: CalendarOptions;
  service: IncidentService;
  store: IncidentStore;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  obligations?: { store: ObligationStore; service: ObligationService };
  upgrades?: IncidentRouterOptions['upgrades'];
  certificates?: CertificateRouterOptions;
  health: IncidentRouterOptions['health'];
  mount?: Array<(router: WeibaoApiRouter) => void>;
};

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, catalog, calendarOptions } = options;
  const router = Router();
  router.get('/openapi.json', (req, res) => {
    res.json(fullSpec(req.originalUrl.replace(/\/openapi\.json$/, '')));
  });
  if (options.certificates) {
    // CA certificate registers take CSV bodies: their own validated router, for their paths only
    const certificates = certificateRouter(options.certificates);
    router.use((req, res, next) =>
      /^\/(certificates\/|systems\/[^/]+\/[^/]+\/certificates)/.test(req.path)
        ? certificates(req, res, next)
        : next(),
    );
  }
  // Parses and validates its own bodies against the OpenAPI spec.
  router.use(
    incidentRouter({
      ...options,
      mount: [...(options.mount ?? []), portalRoutes(options)],
    }),
  );
  router.use(express.json());
  router.use(calendarRoutes(calendarOptions));

  router.get('/hospital-systems', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const unknown = Object.keys(req.query).find(k => k !== 'owner');
    if (unknown) {
      throw new InputError(
        `${unknown}: unknown query parameter of /hospital-systems (it takes owner)`,
      );
    }
    const owner = parseOwnerQuery(req.query.owner);
    const body: HospitalSystemList = {
      items: await listHospitalSystems(catalog, credentials, { owner }),
    };
    res.json(body);
  });

  return router;
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
