import { randomUUID } from 'node:crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  allowedUpgradeActions,
  applyUpgradeEvent,
  CalendarOptions,
  contractCalendar,
  DrillRecord,
  fullEntityRef,
  missingGates,
  UpgradeEvent,
  UpgradeFreeze,
  UpgradePlanState,
  UpgradeRuleOptions,
} from '@weibao/plugin-weibao-common';
import type {
  ObligationStore,
  StoredOccurrence,
} from '../../database/obligations/ObligationStore';
import type {
  StoredPlan,
  UpgradeStore,
} from '../../database/upgrades/UpgradeStore';
import {
  coveringContractTerms,
  hospitalSystem,
} from '../catalog/catalogLookup';
import { parseInstant, ruleErrorToHttp } from '../../request';
import { upgradeActionFrom, windowOf } from './actions';
import type {
  DrillRequest,
  UpgradeActionRequest,
  UpgradePlanRequest,
} from '../../schema/requests';
import type { ObligationService } from '../obligations/ObligationService';

export type UpgradeServiceOptions = {
  store: UpgradeStore;
  catalog: CatalogService;
  obligations: { store: ObligationStore; service: ObligationService };
  calendarOptions: CalendarOptions;
  freezes: UpgradeFreeze[];
  rehearsalRecencyDays: number;
  now?: () => number;
};

const iso = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms).toISOString();

/**
 * Checks of the other resources a drill writes to, each throwing a 403 that names the field:
 * the upgrade plan it rehearses, the obligation occurrence it fulfils.
 */
export type DrillReferenceChecks = {
  updatePlan?: (plan: UpgradePlanState) => Promise<void>;
  completeOccurrence?: (occurrence: StoredOccurrence) => Promise<void>;
};

/** Upgrade plans through their gates to production, and the drills that rehearse them. */
export class UpgradeService {
  readonly now: () => number;

  constructor(private readonly options: UpgradeServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The rules' options for a system: its contract's business calendar and the freezes. */
  private async ruleOptions(
    system: Entity,
    at: number,
    credentials: BackstageCredentials,
  ): Promise<UpgradeRuleOptions> {
    const { terms } = await coveringContractTerms(
      this.options.catalog,
      system,
      at,
      credentials,
    );
    return {
      calendar: contractCalendar(
        '5x8',
        terms ?? undefined,
        this.options.calendarOptions,
      ),
      freezes: this.options.freezes,
      rehearsalRecencyDays: this.options.rehearsalRecencyDays,
    };
  }

  view(stored: StoredPlan) {
    const s = stored.state;
    return {
      ...s,
      window: {
        ...s.window,
        start: iso(s.window.start),
        end: iso(s.window.end),
      },
      gates: Object.fromEntries(
        Object.entries(s.gates).map(([gate, evidence]) => [
          gate,
          { ...evidence, at: iso(evidence!.at) },
        ]),
      ),
      rollbackPlan: s.rollbackPlan && {
        ...s.rollbackPlan,
        backupTaken: {
          ...s.rollbackPlan.backupTaken,
          at: iso(s.rollbackPlan.backupTaken.at),
        },
      },
      windowOverride: s.windowOverride && {
        ...s.windowOverride,
        at: iso(s.windowOverride.at),
      },
      startedAt: iso(s.startedAt),
      completedAt: iso(s.completedAt),
      verification: s.verification && {
        ...s.verification,
        at: iso(s.verification.at),
      },
      rollback: s.rollback && { ...s.rollback, at: iso(s.rollback.at) },
      cancelled: s.cancelled && { ...s.cancelled, at: iso(s.cancelled.at) },
      lastEventAt: iso(s.lastEventAt),
      updatedAt: iso(stored.updatedAt),
      missingGates: missingGates(s),
      allowedActions: allowedUpgradeActions(s),
    };
  }

  async plan(
    body: UpgradePlanRequest,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<StoredPlan> {
    const now = this.now();
    const system = await hospitalSystem(
      this.options.catalog,
      body.systemRef,
      credentials,
    );
    const window = windowOf(body.window);
    const { override, ...draft } = body;
    const event = {
      type: 'planned',
      at: now,
      actor,
      payload: {
        ...draft,
        systemRef: stringifyEntityRef(system),
        hospitalRef: fullEntityRef(String(system.spec?.system), 'system'),
        ownerRef: fullEntityRef(String(system.spec?.owner), 'group'),
        responsible: body.responsible,
        window,
        id: randomUUID(),
        ...(override ? { override } : {}),
      },
    } as UpgradeEvent;
    const options = await this.ruleOptions(system, window.start, credentials);
    let state: UpgradePlanState;
    try {
      state = applyUpgradeEvent(undefined, event, options);
    } catch (e) {
      return ruleErrorToHttp(e);
    }
    return this.options.store.createPlan(event, state, now);
  }

  async act(
    id: string,
    body: UpgradeActionRequest,
    actor: string,
    credentials: BackstageCredentials,
    mayUpdate: (plan: UpgradePlanState) => boolean,
  ): Promise<StoredPlan> {
    const now = this.now();
    const stored = await this.options.store.getPlan(id);
    if (!stored) throw new NotFoundError(`no upgrade plan ${id}`);
    if (!mayUpdate(stored.state)) {
      throw new NotAllowedError(
        `weibao.upgrade.update: ${actor} may not change upgrades of ${stored.state.systemRef} (owned by ${stored.state.ownerRef})`,
      );
    }
    const { version, at: atInput, ...request } = body;
    const at = atInput ? parseInstant('at', atInput, now) : now;
    const action = await upgradeActionFrom(stored.state, request, {
      drill: drillId => this.options.store.getDrill(drillId),
      now,
    });
    const { type, ...payload } = action;
    const event = { type, at, actor, payload } as UpgradeEvent;
    const system = await hospitalSystem(
      this.options.catalog,
      stored.state.systemRef,
      credentials,
    );
    const options = await this.ruleOptions(
      system,
      stored.state.window.start,
      credentials,
    );
    let state: UpgradePlanState;
    try {
      state = applyUpgradeEvent(stored.state, event, options);
    } catch (e) {
      return ruleErrorToHttp(e);
    }
    return this.options.store.appendPlan(id, version, event, state, now);
  }

  /**
   * Records a drill; when it fulfils a drill obligation of the contract, completes that
   * occurrence in the same transaction.
   */
  async recordDrill(
    body: DrillRequest,
    actor: string,
    credentials: BackstageCredentials,
    may: DrillReferenceChecks = {},
  ): Promise<DrillRecord> {
    const now = this.now();
    const system = await hospitalSystem(
      this.options.catalog,
      body.systemRef,
      credentials,
    );
    const systemRef = stringifyEntityRef(system);
    const performedAt = parseInstant('performedAt', body.performedAt, now);
    let target: number | undefined = body.targetMinutes;
    if (body.upgradePlanId) {
      const plan = await this.options.store.getPlan(body.upgradePlanId);
      if (!plan || plan.state.systemRef !== systemRef) {
        throw new InputError(
          `upgradePlanId: no upgrade plan ${body.upgradePlanId} on ${systemRef}`,
        );
      }
      // the drill rehearses that plan: the caller must be allowed to change the plan
      await may.updatePlan?.(plan.state);
      target ??= plan.state.rollbackPlan?.expectedRollbackMinutes;
    }
    if (target === undefined) {
      throw new InputError(
        'targetMinutes: required, unless the drill rehearses an upgrade plan with a rollback plan',
      );
    }
    const { terms } = await coveringContractTerms(
      this.options.catalog,
      system,
      performedAt,
      credentials,
    );
    let complete: Parameters<UpgradeStore['recordDrill']>[2];
    if (body.occurrenceId) {
      const occurrence = await this.options.obligations.store.get(
        body.occurrenceId,
      );
      if (
        !occurrence ||
        occurrence.plan.kind !== 'drill' ||
        !occurrence.systems.includes(systemRef)
      ) {
        throw new InputError(
          `occurrenceId: ${body.occurrenceId} is not a drill obligation concerning ${systemRef}`,
        );
      }
      // the drill fulfils that duty: the caller must be allowed to complete it
      await may.completeOccurrence?.(occurrence);
      const completion =
        await this.options.obligations.service.prepareCompletion(
          occurrence,
          {
            doneAt: new Date(performedAt).toISOString(),
            note: `drill: ${body.scenario}`,
            people: body.participants,
          },
          actor,
        );
      complete = async tx => {
        await completion(occurrence.version)(tx);
      };
    }
    const drill: DrillRecord = {
      id: randomUUID(),
      version: 1,
      systemRef,
      hospitalRef: fullEntityRef(String(system.spec?.system), 'system'),
      ownerRef: fullEntityRef(String(system.spec?.owner), 'group'),
      contractRef: terms?.contractRef ?? null,
      scenario: body.scenario,
      upgradePlanId: body.upgradePlanId ?? null,
      occurrenceId: body.occurrenceId ?? null,
      performedAt: new Date(performedAt).toISOString(),
      participants: body.participants,
      recoveryMinutes: body.recoveryMinutes,
      targetMinutes: target,
      passed: body.recoveryMinutes <= target,
      findings: body.findings ?? '',
      followUps: body.followUps ?? [],
      recordedBy: actor,
    };
    return this.options.store.recordDrill(drill, now, complete);
  }
}
