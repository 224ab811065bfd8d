import {
  applyUpgradeEvent,
  missingGates,
  UpgradeRuleOptions,
} from './lifecycle';
import {
  options,
  LI,
  CHONGZUO,
  sh,
  Ev,
  ev,
  planned,
  drill,
  rehearse,
  rollbackPlan,
  gate,
  throughGates,
  fold,
  refusal,
} from './__fixtures__/plans';

describe('starting', () => {
  it('refuses a draft, listing the missing gates', () => {
    const events = throughGates().slice(0, 4);
    const e = refusal(() => fold([...events, ev('start', '11-28T20:05', {})]));
    expect(e).toMatchObject({
      kind: 'state',
      reason:
        'cannot start: gates missing: rollback-rehearsed, hospital-approval',
    });
  });

  it('is blocked by a freeze for the hospital declared after planning, unless overridden', () => {
    const ready = fold(throughGates());
    const frozen: UpgradeRuleOptions = {
      ...options,
      freezes: [
        {
          from: '2026-11-27',
          to: '2026-11-29',
          reason: '等级评审现场检查',
          hospital: CHONGZUO,
        },
      ],
    };
    const e = refusal(() =>
      applyUpgradeEvent(ready, ev('start', '11-28T20:05', {}), frozen),
    );
    expect(e).toMatchObject({ field: 'window', kind: 'state' });
    expect(e.reason).toContain('2026-11-27 – 2026-11-29');
    expect(e.reason).toContain('等级评审现场检查');
    // a freeze at another hospital does not block it
    const elsewhere: UpgradeRuleOptions = {
      ...options,
      freezes: [
        { ...frozen.freezes[0], hospital: 'system:default/longzhou-people' },
      ],
    };
    expect(
      applyUpgradeEvent(ready, ev('start', '11-28T20:05', {}), elsewhere)
        .status,
    ).toBe('started');
    const override = ev(
      'start',
      '11-28T20:05',
      { override: { reason: '检查组同意' } },
      LI,
    );
    expect(applyUpgradeEvent(ready, override, frozen)).toMatchObject({
      status: 'started',
      windowOverride: { by: LI, reason: '检查组同意', at: sh('11-28T20:05') },
    });
  });

  it('starts only inside the window, unless overridden', () => {
    const ready = fold(throughGates());
    for (const at of ['11-28T19:55', '11-29T00:00']) {
      expect(
        refusal(() => applyUpgradeEvent(ready, ev('start', at, {}), options)),
      ).toMatchObject({
        field: 'at',
        kind: 'input',
      });
    }
    const early = ev('start', '11-28T19:30', {
      override: { reason: '提前停机' },
    });
    expect(applyUpgradeEvent(ready, early, options).startedAt).toBe(
      sh('11-28T19:30'),
    );
  });

  it('needs a rehearsal still recent at the start', () => {
    // rehearsed 13 November on a drill of 27 October: 16 days then, 32 days at the start
    const events = throughGates();
    events[4] = rehearse(
      '11-13T10:00',
      drill({ performedAt: sh('10-27T21:00') }),
    );
    const ready = fold(events, { ...options, rehearsalRecencyDays: 30 });
    const e = refusal(() =>
      applyUpgradeEvent(ready, ev('start', '11-28T20:05', {}), {
        ...options,
        rehearsalRecencyDays: 30,
      }),
    );
    expect(e).toMatchObject({ kind: 'state' });
    expect(e.reason).toContain('more than 30 days ago');
  });
});

describe('gates', () => {
  const draft = () => fold(throughGates().slice(0, 4)); // through the rollback plan
  const tryRehearse = (d: ReturnType<typeof drill>) =>
    refusal(() =>
      applyUpgradeEvent(draft(), rehearse('11-20T10:00', d), options),
    );

  it('needs the test environment before the simulated upgrade', () => {
    const e = refusal(() =>
      fold([planned(), gate('simulated-upgrade', '11-05T10:00')]),
    );
    expect(e).toMatchObject({ kind: 'state' });
    expect(e.reason).toContain('test environment first');
  });

  it('refuses the rollback gates through meet-gate', () => {
    const wrong = ev('meet-gate', '11-05T10:00', {
      gate: 'rollback-plan' as never,
      note: 'x',
    });
    expect(refusal(() => fold([planned(), wrong])).field).toBe('gate');
  });

  it('wants a rollback plan that fits the window, with the backup taken before', () => {
    const tooLong = rollbackPlan('11-12T09:00', 241);
    expect(refusal(() => fold([planned(), tooLong]))).toMatchObject({
      field: 'rollbackPlan.expectedRollbackMinutes',
      kind: 'input',
    });
    expect(
      fold([planned(), rollbackPlan('11-12T09:00', 240)]).gates[
        'rollback-plan'
      ],
    ).toBeDefined();
    const beforeBackup = rollbackPlan('11-12T07:00', 90, sh('11-12T08:00'));
    expect(refusal(() => fold([planned(), beforeBackup])).field).toBe(
      'rollbackPlan.backupTaken.at',
    );
    const noSteps = rollbackPlan('11-12T09:00') as Ev<'write-rollback-plan'>;
    const empty = {
      ...noSteps,
      payload: {
        ...noSteps.payload,
        rollbackPlan: { ...noSteps.payload.rollbackPlan, steps: [] },
      },
    };
    expect(refusal(() => fold([planned(), empty])).field).toBe(
      'rollbackPlan.steps',
    );
  });

  it('rehearses only after the rollback plan is written', () => {
    const e = refusal(() =>
      fold([...throughGates().slice(0, 3), rehearse('11-20T10:00')]),
    );
    expect(e).toMatchObject({ kind: 'state' });
  });

  it('refuses a failed, too old, future or unrelated drill', () => {
    expect(tryRehearse(drill({ passed: false }))).toMatchObject({
      field: 'drill',
      kind: 'input',
      reason: 'the drill did not recover within its target',
    });
    expect(
      tryRehearse(drill({ performedAt: sh('08-20T21:00') })).reason,
    ).toContain('older than 90 days');
    expect(tryRehearse(drill({ performedAt: sh('11-21T21:00') })).field).toBe(
      'drill',
    );
    expect(
      tryRehearse(drill({ upgradePlanId: 'plan-pacs-4-2' })).reason,
    ).toContain('another plan');
    expect(
      tryRehearse(drill({ upgradePlanId: null, scenario: '服务器宕机' }))
        .reason,
    ).toContain('not a rollback');
    expect(
      tryRehearse(drill({ systemRef: 'component:default/aecg-chongzuo' }))
        .reason,
    ).toContain('component:default/aecg-chongzuo');
  });

  it('accepts the system’s own rollback scenario', () => {
    const d = drill({
      upgradePlanId: null,
      scenario: 'ZLHIS Rollback drill',
      systemRef: 'component:default/zlhis-chongzuo',
    });
    const s = applyUpgradeEvent(draft(), rehearse('11-20T10:00', d), options);
    expect(missingGates(s)).toEqual(['hospital-approval']);
  });
});
