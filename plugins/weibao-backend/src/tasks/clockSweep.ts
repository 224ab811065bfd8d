import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  EvaluatedIncidentClock,
  IncidentState,
  nextClockAlertAfter,
  replayIncident,
} from '@weibao/plugin-weibao-common';
import { DateTime } from 'luxon';
import type {
  ClockRow,
  ClockToCheck,
  IncidentStore,
} from '../database/incidents/IncidentStore';
import type { IncidentService } from '../services/incidents/IncidentService';

const BATCH = 200;
const MAX_BATCHES = 50;

export type ClockSweepResult = {
  /** Clocks looked at. */
  checked: number;
  /** Alerts recorded by this run (a threshold crossed or a breach). */
  recorded: number;
  /** Notifications sent by this run. */
  notified: number;
};

export type DriftReport = {
  checked: number;
  /** Incidents whose stored state or clock rows differ from their replayed timeline. */
  drifted: Array<{ incidentId: string; what: string[] }>;
};

/** Rows compared for drift: the fields that do not move with the time of evaluation. */
const STABLE_FIELDS: Array<keyof ClockRow> = [
  'milestone',
  'counting',
  'targetSeq',
  'dueAt',
  'atRiskAt',
  'metAt',
  'calendarVersion',
];

/** Canonical JSON: keys sorted, undefined dropped. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/**
 * The clock sweep (scheduled, global scope): finds clocks crossing a warning threshold or
 * breaching, records each crossing once, notifies the owning team, and escalates a breach to the
 * contract's vendor group (问题升级). Recording goes through a unique key, so two replicas or
 * two runs never notify twice. A second job replays timelines and reports drift.
 */
export class ClockSweep {
  constructor(
    private readonly options: {
      store: IncidentStore;
      service: IncidentService;
      notifications: NotificationService;
      logger: LoggerService;
      /** The hospital time zone for due times in messages. */
      timeZone?: string;
    },
  ) {}

  async run(now = this.options.service.now()): Promise<ClockSweepResult> {
    const { store, service } = this.options;
    const result: ClockSweepResult = { checked: 0, recorded: 0, notified: 0 };
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const due = await store.clocksToCheck(now, BATCH);
      if (!due.length) break;
      const byIncident = new Map<string, ClockToCheck[]>();
      for (const c of due) {
        byIncident.set(c.incidentId, [
          ...(byIncident.get(c.incidentId) ?? []),
          c,
        ]);
      }
      for (const [incidentId, clocks] of byIncident) {
        const stored = await store.get(incidentId);
        const evaluated = stored ? service.evaluate(stored.state, now) : [];
        for (const clock of clocks) {
          result.checked++;
          const found = evaluated.find(
            e =>
              e.clock.milestone === clock.milestone &&
              e.clock.history.targets.length === clock.targetSeq,
          );
          if (!stored || !found) {
            // re-targeted or gone since it was listed: its new row has its own alert instant
            await store.setNextAlert(clock, null);
            continue;
          }
          const { recorded, notified } = await this.alert(
            stored.state,
            found,
            clock,
            now,
          );
          result.recorded += recorded;
          result.notified += notified;
          await store.setNextAlert(clock, nextClockAlertAfter(found, now));
        }
      }
    }
    if (result.recorded) {
      this.options.logger.info(
        `Clock sweep: ${result.recorded} alerts recorded, ${result.notified} notifications sent`,
      );
    }
    return result;
  }

  /** Records the clock's crossings; notifies about the most serious new one. */
  private async alert(
    incident: IncidentState,
    evaluated: EvaluatedIncidentClock,
    clock: ClockToCheck,
    now: number,
  ): Promise<{ recorded: number; notified: number }> {
    const { state } = evaluated;
    const crossings: Array<{
      kind: 'threshold' | 'breach';
      percent: number;
      at: number;
    }> = state.thresholdsCrossed.map(t => ({
      kind: 'threshold' as const,
      percent: t.percent,
      at: t.at,
    }));
    if (state.breachedAt !== null) {
      crossings.push({ kind: 'breach', percent: 100, at: state.breachedAt });
    }
    const fresh: typeof crossings = [];
    for (const crossing of crossings) {
      const isNew = await this.options.store.recordAlert(
        {
          ...crossing,
          incidentId: incident.id,
          milestone: clock.milestone,
          targetSeq: clock.targetSeq,
        },
        now,
      );
      if (isNew) fresh.push(crossing);
    }
    // Crossings that happened before the incident was entered (a late or back-filled report)
    // are recorded but not notified: nobody could act on them, and a back-fill must not raise
    // a storm of breach notifications.
    const enteredAt = incident.enteredAt ?? Number.NEGATIVE_INFINITY;
    const worst = fresh.filter(c => c.at >= enteredAt).pop();
    if (!worst) return { recorded: fresh.length, notified: 0 };
    return {
      recorded: fresh.length,
      notified: await this.notify(incident, evaluated, worst),
    };
  }

  private async notify(
    incident: IncidentState,
    evaluated: EvaluatedIncidentClock,
    crossing: { kind: 'threshold' | 'breach'; percent: number },
  ): Promise<number> {
    const { notifications } = this.options;
    const zone = this.options.timeZone ?? 'Asia/Shanghai';
    const milestone = evaluated.clock.milestone;
    const levelName = incident.terms?.levels.find(
      l => l.level === incident.level,
    )?.name;
    const due = evaluated.state.dueAt;
    const dueText = due
      ? DateTime.fromMillis(due, { zone }).toFormat('yyyy-MM-dd HH:mm')
      : 'paused';
    const what =
      crossing.kind === 'breach'
        ? `${milestone} clock breached`
        : `${milestone} clock at ${crossing.percent}%`;
    const payload = {
      title: `${what}: ${incident.title}`,
      description: `Level ${incident.level}${
        levelName ? ` (${levelName})` : ''
      } on ${incident.systemRef}, due ${dueText} ${zone}.`,
      link: `/weibao/incidents/${incident.id}`,
      severity:
        crossing.kind === 'breach' ? ('critical' as const) : ('high' as const),
      topic: 'weibao-clocks',
      scope: `weibao:incident:${incident.id}:${milestone}`,
    };
    let sent = 0;
    await notifications.send({
      recipients: { type: 'entity', entityRef: incident.ownerRef },
      payload,
    });
    sent++;
    if (crossing.kind === 'breach' && incident.terms?.vendorRef) {
      await notifications.send({
        recipients: { type: 'entity', entityRef: incident.terms.vendorRef },
        payload: {
          ...payload,
          title: `Escalated (问题升级): ${payload.title}`,
          scope: `${payload.scope}:escalation`,
        },
      });
      sent++;
    }
    return sent;
  }

  /**
   * Replays the timeline of every open incident and compares it with the stored state and clock
   * rows. Clock rows are derived data: drifted ones are rewritten. A drifted state is reported.
   */
  async checkDrift(now = this.options.service.now()): Promise<DriftReport> {
    const { store, service, logger } = this.options;
    const report: DriftReport = { checked: 0, drifted: [] };
    let after: string | undefined;
    for (;;) {
      const ids = await store.openIncidentIds(after, BATCH);
      if (!ids.length) break;
      after = ids[ids.length - 1];
      const [events, rows] = await Promise.all([
        store.events(ids),
        store.clockRows(ids),
      ]);
      for (const id of ids) {
        report.checked++;
        const stored = await store.get(id);
        if (!stored) continue;
        const what: string[] = [];
        let replayed: IncidentState;
        try {
          replayed = replayIncident(events.get(id) ?? []);
        } catch (e) {
          report.drifted.push({
            incidentId: id,
            what: [`the timeline does not replay: ${(e as Error).message}`],
          });
          continue;
        }
        if (canonical(replayed) !== canonical(stored.state)) what.push('state');
        const expected = service.clockRows(service.evaluate(replayed, now));
        const pick = (r: ClockRow[]) =>
          canonical(
            r
              .map(x => Object.fromEntries(STABLE_FIELDS.map(f => [f, x[f]])))
              .sort((a, b) =>
                String(a.milestone).localeCompare(String(b.milestone)),
              ),
          );
        if (pick(expected) !== pick(rows.get(id) ?? [])) {
          what.push('clocks');
          await store.rewriteClocks(id, expected);
        }
        if (what.length) report.drifted.push({ incidentId: id, what });
      }
    }
    for (const d of report.drifted) {
      logger.warn(
        `Incident ${d.incidentId} drifted from its timeline: ${d.what.join(
          ', ',
        )}`,
      );
    }
    return report;
  }
}
