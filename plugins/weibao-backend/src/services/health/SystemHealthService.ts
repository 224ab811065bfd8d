import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  certificateTotals,
  CertificateTotalsInput,
  DEFAULT_TIME_ZONE,
  notHospitalSystemReason,
  SystemHealth,
  SystemHealthDuty,
} from '@weibao/plugin-weibao-common';
import { DateTime } from 'luxon';
import type { WeibaoContext } from '../../context';
import type {
  SystemHealthFilters,
  SystemHealthRead,
} from '../../database/health/HealthStore';
import type { StoredOccurrence } from '../../database/obligations/ObligationStore';
import type { Caller } from '../../request';

const RUNNING_CLOCKS_SHOWN = 20;
const OBLIGATIONS_SHOWN = 5;

const iso = (ms: number | null) =>
  ms === null ? null : new Date(ms).toISOString();

/**
 * The health summary of one hospital system (the card's one call): its incidents and clocks,
 * duties, upgrade plans, last drill and certificate register, read in one database round trip
 * with each section's permission filter, and the system itself from the catalog (404 when it
 * holds none, or when it is no hospital system).
 */
export class SystemHealthService {
  constructor(
    private readonly ctx: Pick<
      WeibaoContext,
      'catalog' | 'health' | 'obligations' | 'upgrades' | 'now'
    >,
  ) {}

  async systemHealth(
    system: { namespace: string; name: string },
    credentials: Caller,
    filters: SystemHealthFilters,
  ): Promise<SystemHealth> {
    const now = this.ctx.now();
    const systemRef = stringifyEntityRef({ kind: 'component', ...system });
    const [entity, read] = await Promise.all([
      this.ctx.catalog.getEntityByRef(systemRef, { credentials }),
      this.ctx.health.systemHealth(systemRef, now, {
        leadTimeMs: this.ctx.obligations.service.leadTimeMs,
        clocksShown: RUNNING_CLOCKS_SHOWN,
        obligationsShown: OBLIGATIONS_SHOWN,
        filters,
      }),
    ]);
    if (!entity) {
      throw new NotFoundError(`systemRef: ${systemRef} is not in the catalog`);
    }
    const reason = notHospitalSystemReason(entity);
    if (reason) throw new NotFoundError(`systemRef: ${reason}`);
    return this.summary(systemRef, read, now);
  }

  private summary(
    systemRef: string,
    read: SystemHealthRead,
    now: number,
  ): SystemHealth {
    const { incidents, obligations, lastDrill } = read;
    const nextPlan =
      read.plans?.next && this.ctx.upgrades.service.view(read.plans.next);
    return {
      systemRef,
      evaluatedAt: new Date(now).toISOString(),
      openIncidents: Object.values(incidents.openByLevel).reduce(
        (a, b) => a + b,
        0,
      ),
      openByLevel: incidents.openByLevel,
      levelNames: incidents.levelNames,
      awaitingConfirmation: incidents.awaitingConfirmation,
      atRisk: incidents.atRisk,
      breached: incidents.breached,
      runningClocks: incidents.runningClocks.map(
        ({ atRiskAt, dueAt, ...clock }) => ({
          ...clock,
          dueAt: iso(dueAt),
          atRisk:
            clock.status === 'running' && atRiskAt !== null && atRiskAt <= now,
        }),
      ),
      obligations: {
        overdue: obligations?.overdue ?? 0,
        dueSoon: obligations?.dueSoon ?? 0,
        next: (obligations?.next ?? []).map(o => this.duty(o, now)!),
        nextInspection: this.duty(obligations?.nextInspection, now),
        nextDrill: this.duty(obligations?.nextDrill, now),
      },
      upgrades: {
        inFlight: read.plans?.inFlight ?? 0,
        next: nextPlan
          ? {
              id: nextPlan.id,
              title: nextPlan.title,
              toVersion: nextPlan.toVersion,
              status: nextPlan.status,
              windowStart: nextPlan.window.start!,
              windowEnd: nextPlan.window.end!,
              missingGates: nextPlan.missingGates,
            }
          : null,
      },
      drills: {
        last: lastDrill
          ? {
              id: lastDrill.id,
              scenario: lastDrill.scenario,
              performedAt: lastDrill.performedAt,
              passed: lastDrill.passed,
              recoveryMinutes: lastDrill.recoveryMinutes,
              targetMinutes: lastDrill.targetMinutes,
            }
          : null,
        overdue: obligations?.overdueDrills ?? 0,
      },
      certificates: certificateHealth(read.certificates, now),
    };
  }

  /** A duty as the card shows it (null for none). */
  private duty(
    o: StoredOccurrence | undefined,
    now: number,
  ): SystemHealthDuty | null {
    if (!o) return null;
    const { id, kind, followUpKind, description, dueAt, state } =
      this.ctx.obligations.service.view(o, now);
    return { id, kind, followUpKind, description, dueAt, state };
  }
}

/** Certificates of a CA system expiring within 60 days or expired (null without a register). */
function certificateHealth(
  batches: CertificateTotalsInput[] | null,
  now: number,
): SystemHealth['certificates'] {
  if (!batches?.length) return null;
  const today = DateTime.fromMillis(now, {
    zone: DEFAULT_TIME_ZONE,
  }).toISODate()!;
  const totals = certificateTotals(
    batches,
    { personalCertificates: 0, usbKeys: 0, electronicSeals: 0 },
    today,
  );
  const soonest = totals.expiringSoon[0];
  return {
    expiringSoon: totals.expiringSoon.reduce((n, b) => n + b.count, 0),
    expired: totals.expired.reduce((n, b) => n + b.count, 0),
    nextExpiry: soonest ? soonest.expiresOn : null,
  };
}
