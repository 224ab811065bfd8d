import {
  reconcileObligations,
  reconciliationCounts,
  RecordedOccurrence,
} from './reconcile';
import type { PlannedOccurrence } from './types';

const NOW = Date.parse('2026-06-20T01:00:00Z');
const DAY = 86_400_000;

function planned(
  key: string,
  dueAt: number,
  extra: Partial<PlannedOccurrence> = {},
): PlannedOccurrence {
  return {
    key,
    obligationId: key.split('#')[0],
    kind: 'inspection',
    frequency: 'quarterly',
    systems: [],
    windowStart: '2026-04-01',
    windowEnd: '2026-06-30',
    dueAt,
    sequence: 1,
    ...extra,
  };
}

type Recorded = RecordedOccurrence & { id: string };

function recorded(
  key: string,
  dueAt: number,
  state: Partial<Pick<Recorded, 'doneAt' | 'waivedAt' | 'retiredAt'>> = {},
): Recorded {
  return {
    id: `id-${key}`,
    key,
    dueAt,
    doneAt: null,
    waivedAt: null,
    retiredAt: null,
    ...state,
  };
}

describe('reconcileObligations', () => {
  it('adds every planned occurrence of a contract seen for the first time', () => {
    const plan = [planned('a#1', NOW + DAY), planned('a#2', NOW + 90 * DAY)];
    const r = reconcileObligations([], plan, NOW);
    expect(r.add).toEqual([
      { planned: plan[0], alreadyPast: false, beforeTracking: false },
      { planned: plan[1], alreadyPast: false, beforeTracking: false },
    ]);
    expect(r.change).toEqual([]);
    expect(r.retire).toEqual([]);
    expect(reconciliationCounts(r)).toEqual({
      added: 2,
      rescheduled: 0,
      retired: 0,
      restored: 0,
    });
  });

  it('marks an occurrence already past at its first generation, and only one strictly past', () => {
    const plan = [
      planned('a#1', NOW - 1),
      planned('a#2', NOW),
      planned('a#3', NOW + 1),
    ];
    expect(
      reconcileObligations([], plan, NOW).add.map(a => a.alreadyPast),
    ).toEqual([true, false, false]);
  });

  it('changes nothing when the plan is what is recorded', () => {
    const plan = [planned('a#1', NOW + DAY), planned('a#2', NOW - DAY)];
    const r = reconcileObligations(
      [recorded('a#1', NOW + DAY), recorded('a#2', NOW - DAY)],
      plan,
      NOW,
    );
    expect(r).toEqual({ add: [], change: [], retire: [] });
  });

  it('reschedules an open occurrence whose due time moved', () => {
    const rec = recorded('a#1', NOW + DAY);
    const plan = [planned('a#1', NOW + 2 * DAY)];
    const r = reconcileObligations([rec], plan, NOW);
    expect(r.change).toEqual([
      {
        recorded: rec,
        planned: plan[0],
        restore: false,
        reschedule: { from: NOW + DAY, to: NOW + 2 * DAY },
      },
    ]);
    expect(reconciliationCounts(r).rescheduled).toBe(1);
  });

  it('keeps done and waived occurrences as they are, planned or not', () => {
    const done = recorded('a#1', NOW - DAY, { doneAt: NOW - 2 * DAY });
    const waived = recorded('a#2', NOW - DAY, { waivedAt: NOW - 2 * DAY });
    const doneGone = recorded('b#1', NOW - DAY, { doneAt: NOW - DAY });
    const waivedGone = recorded('b#2', NOW - DAY, { waivedAt: NOW - DAY });
    // a done occurrence that was also retired before stays as it is too
    const doneRetired = recorded('c#1', NOW, {
      doneAt: NOW - DAY,
      retiredAt: NOW - 3 * DAY,
    });
    const r = reconcileObligations(
      [done, waived, doneGone, waivedGone, doneRetired],
      [
        planned('a#1', NOW + 5 * DAY),
        planned('a#2', NOW + 5 * DAY),
        planned('c#1', NOW + 5 * DAY),
      ],
      NOW,
    );
    expect(r).toEqual({ add: [], change: [], retire: [] });
  });

  it('retires open occurrences no longer planned, once', () => {
    const open = recorded('a#1', NOW + DAY);
    const overdue = recorded('a#2', NOW - DAY);
    const retired = recorded('a#3', NOW + DAY, { retiredAt: NOW - DAY });
    const r = reconcileObligations([open, overdue, retired], [], NOW);
    expect(r.retire).toEqual([open, overdue]);
    expect(r.change).toEqual([]);
    expect(reconciliationCounts(r)).toEqual({
      added: 0,
      rescheduled: 0,
      retired: 2,
      restored: 0,
    });
  });

  it('restores a retired occurrence planned again, at the same due time', () => {
    const rec = recorded('a#1', NOW + DAY, { retiredAt: NOW - DAY });
    const plan = [planned('a#1', NOW + DAY)];
    const r = reconcileObligations([rec], plan, NOW);
    expect(r.change).toEqual([
      { recorded: rec, planned: plan[0], restore: true },
    ]);
    expect(reconciliationCounts(r)).toEqual({
      added: 0,
      rescheduled: 0,
      retired: 0,
      restored: 1,
    });
  });

  it('restores and reschedules a retired occurrence planned again at another time', () => {
    const rec = recorded('a#1', NOW + DAY, { retiredAt: NOW - DAY });
    const plan = [planned('a#1', NOW + 3 * DAY)];
    const r = reconcileObligations([rec], plan, NOW);
    expect(r.change).toEqual([
      {
        recorded: rec,
        planned: plan[0],
        restore: true,
        reschedule: { from: NOW + DAY, to: NOW + 3 * DAY },
      },
    ]);
    expect(reconciliationCounts(r)).toEqual({
      added: 0,
      rescheduled: 1,
      retired: 0,
      restored: 1,
    });
  });

  it('keeps the due time of a follow-up counted from its done parent', () => {
    const parent = recorded('a#1', NOW - 10 * DAY, { doneAt: NOW - 9 * DAY });
    const followUp = recorded('a#1/report', NOW - 2 * DAY);
    const plan = [
      planned('a#1', NOW - 10 * DAY),
      planned('a#1/report', NOW + 4 * DAY, { parentKey: 'a#1' }),
    ];
    expect(reconcileObligations([parent, followUp], plan, NOW)).toEqual({
      add: [],
      change: [],
      retire: [],
    });
  });

  it('still restores a retired follow-up of a done parent, without moving it', () => {
    const parent = recorded('a#1', NOW - 10 * DAY, { doneAt: NOW - 9 * DAY });
    const followUp = recorded('a#1/report', NOW - 2 * DAY, {
      retiredAt: NOW - DAY,
    });
    const plan = [
      planned('a#1', NOW - 10 * DAY),
      planned('a#1/report', NOW + 4 * DAY, { parentKey: 'a#1' }),
    ];
    const r = reconcileObligations([parent, followUp], plan, NOW);
    expect(r.change).toEqual([
      { recorded: followUp, planned: plan[1], restore: true },
    ]);
  });

  it('reschedules a follow-up whose parent is open, waived, retired or not recorded', () => {
    const cases: Array<Recorded | undefined> = [
      recorded('a#1', NOW),
      recorded('a#1', NOW, { waivedAt: NOW - DAY }),
      recorded('a#1', NOW, { retiredAt: NOW - DAY }),
      undefined,
    ];
    for (const parent of cases) {
      const followUp = recorded('a#1/report', NOW + DAY);
      const r = reconcileObligations(
        parent ? [parent, followUp] : [followUp],
        [planned('a#1/report', NOW + 2 * DAY, { parentKey: 'a#1' })],
        NOW,
      );
      expect(r.change.map(c => c.reschedule)).toEqual([
        { from: NOW + DAY, to: NOW + 2 * DAY },
      ]);
    }
  });

  it('adds a follow-up not recorded yet even when its parent is done', () => {
    const parent = recorded('a#1', NOW - 10 * DAY, { doneAt: NOW - 9 * DAY });
    const plan = [
      planned('a#1', NOW - 10 * DAY),
      planned('a#1/report', NOW - 3 * DAY, { parentKey: 'a#1' }),
    ];
    const r = reconcileObligations([parent], plan, NOW);
    expect(r.add).toEqual([
      { planned: plan[1], alreadyPast: true, beforeTracking: false },
    ]);
  });

  it('does all at once, in plan order for additions and changes', () => {
    const recs = [
      recorded('keep#1', NOW + DAY),
      recorded('move#1', NOW + DAY),
      recorded('gone#1', NOW + DAY),
      recorded('back#1', NOW + DAY, { retiredAt: NOW - DAY }),
      recorded('done#1', NOW - DAY, { doneAt: NOW - DAY }),
    ];
    const plan = [
      planned('new#1', NOW + 9 * DAY),
      planned('back#1', NOW + DAY),
      planned('move#1', NOW + 2 * DAY),
      planned('keep#1', NOW + DAY),
      planned('done#1', NOW + 9 * DAY),
      planned('new#2', NOW - DAY),
    ];
    const r = reconcileObligations(recs, plan, NOW);
    expect(r.add.map(a => [a.planned.key, a.alreadyPast])).toEqual([
      ['new#1', false],
      ['new#2', true],
    ]);
    expect(
      r.change.map(c => [c.recorded.id, c.restore, Boolean(c.reschedule)]),
    ).toEqual([
      ['id-back#1', true, false],
      ['id-move#1', false, true],
    ]);
    expect(r.retire.map(x => x.id)).toEqual(['id-gone#1']);
    expect(reconciliationCounts(r)).toEqual({
      added: 2,
      rescheduled: 1,
      retired: 1,
      restored: 1,
    });
  });

  it('is pure: the inputs are left as they were', () => {
    const recs = [recorded('a#1', NOW + DAY), recorded('b#1', NOW)];
    const plan = [planned('a#1', NOW + 2 * DAY), planned('c#1', NOW)];
    const before = structuredClone({ recs, plan });
    reconcileObligations(recs, plan, NOW);
    expect({ recs, plan }).toEqual(before);
  });

  it('is idempotent once applied: reconciling the applied result changes nothing', () => {
    const recs = [
      recorded('a#1', NOW + DAY),
      recorded('b#1', NOW + DAY),
      recorded('c#1', NOW, { retiredAt: NOW - DAY }),
    ];
    const plan = [
      planned('a#1', NOW + 2 * DAY),
      planned('c#1', NOW + 3 * DAY),
      planned('d#1', NOW + 4 * DAY),
    ];
    const r = reconcileObligations(recs, plan, NOW);
    const applied: Recorded[] = [
      ...r.add.map(a => recorded(a.planned.key, a.planned.dueAt)),
      ...r.change.map(c => ({
        ...c.recorded,
        retiredAt: null,
        dueAt: c.reschedule?.to ?? c.recorded.dueAt,
      })),
      ...r.retire.map(x => ({ ...x, retiredAt: NOW })),
    ];
    expect(reconcileObligations(applied, plan, NOW)).toEqual({
      add: [],
      change: [],
      retire: [],
    });
  });
});

describe('reconcileObligations with a tracking start', () => {
  const TRACKING = NOW - 10 * DAY;

  it('adds occurrences due before the tracking start as before tracking, never overdue', () => {
    const plan = [
      planned('a#1', TRACKING - 1),
      planned('a#2', TRACKING),
      planned('a#3', NOW - DAY),
      planned('a#4', NOW + DAY),
    ];
    const r = reconcileObligations([], plan, NOW, TRACKING);
    expect(
      r.add.map(a => [a.planned.key, a.alreadyPast, a.beforeTracking]),
    ).toEqual([
      ['a#1', true, true],
      // due at the tracking start itself: the eve's backup, due at 24:00
      ['a#2', true, true],
      ['a#3', true, false],
      ['a#4', false, false],
    ]);
  });

  it('moves open occurrences across a tracking start that moved, and leaves closed ones', () => {
    const records = [
      { ...recorded('a#1', TRACKING - DAY), beforeTracking: true },
      { ...recorded('a#2', TRACKING + DAY), beforeTracking: false },
      recorded('a#3', TRACKING + 2 * DAY, { doneAt: TRACKING + 2 * DAY }),
    ];
    const plan = records.map(r => planned(r.key, r.dueAt));
    // the contract now says tracking starts 5 days later: a#2 falls before it
    const later = reconcileObligations(records, plan, NOW, TRACKING + 5 * DAY);
    expect(later.change.map(c => [c.recorded.key, c.beforeTracking])).toEqual([
      ['a#2', true],
    ]);
    // and earlier again: a#1 is tracked (and overdue) from now on
    const earlier = reconcileObligations(
      records,
      plan,
      NOW,
      TRACKING - 5 * DAY,
    );
    expect(earlier.change.map(c => [c.recorded.key, c.beforeTracking])).toEqual(
      [['a#1', false]],
    );
    expect(reconcileObligations(records, plan, NOW, TRACKING).change).toEqual(
      [],
    );
  });
});
