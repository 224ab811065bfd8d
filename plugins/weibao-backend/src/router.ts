import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import Router from 'express-promise-router';
import type { WeibaoContext } from './context';
import { calendarMonthRoutes } from './routes/calendar';
import { calendarRoutes } from './routes/calendars';
import { certificateRoutes } from './routes/certificates';
import { contractRoutes } from './routes/contracts';
import { healthRoutes } from './routes/health';
import { hospitalSystemRoutes } from './routes/hospitalSystems';
import { incidentRoutes } from './routes/incidents';
import { obligationRoutes } from './routes/obligations';
import { obligationRunRoutes } from './routes/obligationRuns';
import { evidenceFileRoutes } from './routes/evidenceFiles';
import { teamRoutes } from './routes/teams';
import { upgradeRoutes } from './routes/upgrades';
import {
  cleanTextBodies,
  nameUnknownFields,
  requestBodies,
} from './routes/textInput';
import { createOpenApiRouter, spec } from './schema/openapi.generated';

/** The validated router of the whole `/api/weibao` OpenAPI spec. */
export type WeibaoApiRouter = ReturnType<
  typeof createValidatedOpenApiRouter<typeof spec>
>;

/**
 * The `/api/weibao` router: ONE router validated against the OpenAPI spec before any handler
 * runs (bodies parsed strictly, unknown fields named, every string cleaned), with each
 * resource's routes registered on it, and the spec itself at `/openapi.json`.
 */
export async function createRouter(
  ctx: WeibaoContext,
): Promise<express.Router> {
  const router = Router();
  router.get('/openapi.json', (req, res) => {
    const server = req.originalUrl.replace(/\/openapi\.json$/, '');
    res.json({ ...spec, servers: [{ url: server }] });
  });

  const api = await createOpenApiRouter({
    // 'full' formats: the default 'fast' ones take 2026-02-30 for a date-time
    validatorOptions: { ajvFormats: { mode: 'full' } },
    middleware: [requestBodies(spec)],
  });
  nameUnknownFields(api);
  // every string of every body checked and cleaned, after the schema and before any handler
  api.use(cleanTextBodies());

  for (const routes of [
    incidentRoutes,
    healthRoutes,
    // before the obligation routes: /obligations/runs is not an occurrence id
    obligationRunRoutes,
    evidenceFileRoutes,
    obligationRoutes,
    upgradeRoutes,
    certificateRoutes,
    contractRoutes,
    teamRoutes,
    calendarRoutes,
    calendarMonthRoutes,
    hospitalSystemRoutes,
  ]) {
    routes(api, ctx);
  }
  router.use(api);
  return router;
}
