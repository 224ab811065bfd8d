import { randomUUID } from 'node:crypto';
import { reconciliationCounts } from '@weibao/plugin-weibao-common';
import { Knex } from 'knex';
import { toMs, toMsOrNull } from '../permissionFilter';
import type {
  ObligationContract,
  RecordedForSync,
  SyncPlan,
  SyncResult,
} from './ObligationStore';
import { appendEvent } from './queries';
import {
  ContractRow,
  CONTRACTS,
  OccurrenceRow,
  OccurrenceSystemRow,
  OCCURRENCES,
  plannedColumns,
  SYSTEMS,
} from './rows';

/** Weibao itself, as the actor of generated history rows. */
const WEIBAO = 'weibao';

/**
 * Records the contract, reads its recorded occurrences, and applies what `decide` makes of them:
 * every row written here, in the caller's transaction; no decision is taken here.
 */
export async function syncContractIn(
  tx: Knex.Transaction,
  contract: Omit<ObligationContract, 'firstSeenAt'>,
  decide: (recorded: RecordedForSync[], firstSeenAt: number) => SyncPlan,
  now: number,
): Promise<SyncResult> {
  const contractRow: Omit<ContractRow, 'contract_ref' | 'first_seen_at'> = {
    owner_ref: contract.ownerRef,
    hospital_ref: contract.hospitalRef,
    terms: JSON.stringify(contract.terms),
    calendar_version: contract.calendarVersion,
    synced_at: new Date(now),
  };
  // first seen is written once, by the first sync
  await tx<ContractRow>(CONTRACTS)
    .insert({
      contract_ref: contract.contractRef,
      ...contractRow,
      first_seen_at: new Date(now),
    })
    .onConflict('contract_ref')
    .merge(contractRow);
  const stored = await tx<ContractRow>(CONTRACTS)
    .where({ contract_ref: contract.contractRef })
    .first();
  const firstSeenAt = toMs(stored?.first_seen_at ?? now);
  const rows = await tx<OccurrenceRow>(OCCURRENCES).where({
    contract_ref: contract.contractRef,
  });
  const plan = decide(
    rows.map(r => ({
      id: r.id,
      version: r.version,
      key: r.key,
      dueAt: toMs(r.due_at),
      doneAt: toMsOrNull(r.done_at),
      waivedAt: toMsOrNull(r.waived_at),
      retiredAt: toMsOrNull(r.retired_at),
      beforeTracking: Boolean(Number(r.before_tracking ?? 0)),
    })),
    firstSeenAt,
  );

  for (const { planned, alreadyPast, beforeTracking } of plan.add) {
    const { systemsConcerned, ...occurrence } = planned;
    const id = randomUUID();
    const row: OccurrenceRow = {
      id,
      version: 1,
      contract_ref: contract.contractRef,
      key: occurrence.key,
      owner_ref: contract.ownerRef,
      hospital_ref: contract.hospitalRef,
      obligation_id: occurrence.obligationId,
      kind: occurrence.kind,
      frequency: occurrence.frequency,
      parent_key: occurrence.parentKey ?? null,
      due_at: new Date(occurrence.dueAt),
      done_at: null,
      waived_at: null,
      retired_at: null,
      before_tracking: beforeTracking ? 1 : 0,
      // shown as overdue (or before tracking), but not announced
      ...(alreadyPast || beforeTracking
        ? {
            due_notified_at: new Date(now),
            overdue_notified_at: new Date(now),
          }
        : {}),
      ...plannedColumns(occurrence),
      record: null,
      updated_at: new Date(now),
    };
    await tx<OccurrenceRow>(OCCURRENCES).insert(row);
    if (systemsConcerned.length) {
      await tx<OccurrenceSystemRow>(SYSTEMS).insert(
        systemsConcerned.map(s => ({ occurrence_id: id, system_ref: s })),
      );
    }
    await appendEvent(tx, id, 'planned', now, WEIBAO, {
      dueAt: occurrence.dueAt,
      ...(beforeTracking ? { beforeTracking } : {}),
    });
  }

  for (const change of plan.change) {
    const { recorded, planned, restore, reschedule, beforeTracking } = change;
    const { systemsConcerned: _systems, ...occurrence } = planned;
    if (restore) {
      await appendEvent(tx, recorded.id, 'restored', now, WEIBAO, {});
    }
    if (reschedule) {
      await appendEvent(tx, recorded.id, 'rescheduled', now, WEIBAO, {
        ...reschedule,
        cause: 'contract-changed',
        why: 'the contract changed',
      });
    }
    if (beforeTracking !== undefined) {
      await appendEvent(tx, recorded.id, 'tracking', now, WEIBAO, {
        beforeTracking,
        trackingStart: plan.trackingStart,
      });
    }
    await tx<OccurrenceRow>(OCCURRENCES)
      .where({ id: recorded.id })
      .update({
        ...(restore ? { retired_at: null } : {}),
        ...(reschedule ? { due_at: new Date(reschedule.to) } : {}),
        ...(beforeTracking !== undefined
          ? { before_tracking: beforeTracking ? 1 : 0 }
          : {}),

        ...plannedColumns(occurrence),
        version: recorded.version + 1,
        updated_at: new Date(now),
      });
  }

  for (const recorded of plan.retire) {
    await tx<OccurrenceRow>(OCCURRENCES)
      .where({ id: recorded.id })
      .update({
        retired_at: new Date(now),
        version: recorded.version + 1,
        updated_at: new Date(now),
      });
    await appendEvent(tx, recorded.id, 'retired', now, WEIBAO, {
      why: 'no longer in the contract',
    });
  }
  return reconciliationCounts(plan);
}
