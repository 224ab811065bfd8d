import { RuleError } from '../rules/RuleError';
import {
  allowedUpgradeActions,
  applyUpgradeEvent,
  missingGates,
  replayUpgradePlan,
} from './lifecycle';
import {
  options,
  ZHANG,
  LI,
  PLAN,
  sh,
  win,
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

describe('an upgrade plan from draft to verified', () => {
  it('passes the gates in order, starts in its window and is verified', () => {
    const events = [
      ...throughGates(),
      ev('start', '11-28T20:05', {}),
      ev('complete', '11-28T22:40', {}),
      ev('verify', '11-28T23:30', {
        functionalTest: '挂号、收费、医保结算、住院登记、药房发药全部通过',
        dataCheck: '抽查 200 张处方与结算单金额一致',
      }),
    ];
    const states = events.map((_, i) => fold(events.slice(0, i + 1)));
    expect(states.map(s => s.status)).toEqual([
      'draft',
      'draft',
      'draft',
      'draft',
      'draft',
      'ready',
      'started',
      'completed',
      'verified',
    ]);
    expect(states.map(s => s.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(missingGates(states[0])).toEqual([
      'test-environment',
      'simulated-upgrade',
      'rollback-plan',
      'rollback-rehearsed',
      'hospital-approval',
    ]);
    expect(missingGates(states[3])).toEqual([
      'rollback-rehearsed',
      'hospital-approval',
    ]);
    const verified = states[8];
    expect(verified).toMatchObject({
      id: PLAN,
      fromVersion: '10.35',
      toVersion: '10.36',
      createdBy: ZHANG,
      startedAt: sh('11-28T20:05'),
      completedAt: sh('11-28T22:40'),
      lastEventAt: sh('11-28T23:30'),
      rehearsal: { drillId: 'drill-7', performedAt: sh('11-19T21:00') },
      verification: { by: ZHANG, at: sh('11-28T23:30') },
    });
    expect(verified.windowOverride).toBeUndefined();
    expect(verified.gates['rollback-rehearsed']).toEqual({
      note: '回退演练 42 分钟恢复 (drill drill-7)',
      by: ZHANG,
      at: sh('11-20T10:00'),
    });
    expect(verified.gates['rollback-plan']).toMatchObject({
      link: 'https://docs.example/zlhis-10.36-rollback',
    });
    expect(verified.rollbackPlan?.expectedRollbackMinutes).toBe(90);
  });

  it('says which actions each state allows', () => {
    const events = throughGates();
    expect(allowedUpgradeActions(fold(events.slice(0, 1)))).toEqual([
      'meet-gate',
      'write-rollback-plan',
      'reschedule',
      'cancel',
    ]);
    expect(allowedUpgradeActions(fold(events.slice(0, 4)))).toContain(
      'rehearse-rollback',
    );
    expect(allowedUpgradeActions(fold(events))).toEqual([
      'meet-gate',
      'write-rollback-plan',
      'rehearse-rollback',
      'reschedule',
      'start',
      'cancel',
    ]);
    const started = [...events, ev('start', '11-28T20:05', {})];
    expect(allowedUpgradeActions(fold(started))).toEqual([
      'complete',
      'roll-back',
    ]);
    const completed = [...started, ev('complete', '11-28T22:00', {})];
    expect(allowedUpgradeActions(fold(completed))).toEqual([
      'verify',
      'roll-back',
    ]);
  });

  it('replays to the same state as folding event by event', () => {
    const events = [...throughGates(), ev('start', '11-28T20:05', {})];
    expect(replayUpgradePlan(events, options)).toEqual(fold(events));
    expect(() => replayUpgradePlan([], options)).toThrow(RuleError);
  });

  it('lets gates be met again while ready, replacing the evidence', () => {
    const again = fold([
      ...throughGates(),
      gate('hospital-approval', '11-25T09:00', '院长办公会再次批准'),
    ]);
    expect(again.status).toBe('ready');
    expect(again.gates['hospital-approval']).toMatchObject({
      note: '院长办公会再次批准',
      at: sh('11-25T09:00'),
    });
  });
});

describe('rolling back', () => {
  it('records why, when, how long and who, from started or completed', () => {
    const started = [...throughGates(), ev('start', '11-28T20:05', {})];
    const back = ev(
      'roll-back',
      '11-28T22:10',
      { reason: '医保结算接口报错，30 分钟未恢复', durationMinutes: 55 },
      LI,
    );
    const rolledBack = fold([...started, back]);
    expect(rolledBack).toMatchObject({
      status: 'rolled-back',
      rollback: {
        reason: '医保结算接口报错，30 分钟未恢复',
        at: sh('11-28T22:10'),
        durationMinutes: 55,
        by: LI,
      },
    });
    expect(allowedUpgradeActions(rolledBack)).toEqual([]);
    const fromCompleted = [...started, ev('complete', '11-28T21:50', {}), back];
    expect(fold(fromCompleted).status).toBe('rolled-back');
    const zero = ev('roll-back', '11-28T22:10', {
      reason: 'x',
      durationMinutes: 0,
    });
    expect(refusal(() => fold([...started, zero]))).toMatchObject({
      field: 'durationMinutes',
      kind: 'input',
    });
    const fromReady = fold(throughGates());
    expect(
      refusal(() => applyUpgradeEvent(fromReady, back, options)),
    ).toMatchObject({
      kind: 'state',
      reason: 'cannot roll-back a plan that is ready',
    });
  });
});

describe('planning refusals', () => {
  it('refuses a cross-architecture upgrade, naming both', () => {
    const e = refusal(() => fold([planned({ targetArchitecture: 'aarch64' })]));
    expect(e).toMatchObject({
      field: 'targetArchitecture',
      kind: 'input',
      reason:
        'cross-architecture upgrades (x86_64 → aarch64) are outside the contract',
    });
  });

  it('refuses the same version, no scope, nobody responsible', () => {
    expect(refusal(() => fold([planned({ toVersion: '10.35' })])).field).toBe(
      'toVersion',
    );
    expect(refusal(() => fold([planned({ scope: [] })])).field).toBe('scope');
    expect(refusal(() => fold([planned({ responsible: [] })])).field).toBe(
      'responsible',
    );
  });

  it('refuses a window starting on the make-up workday Saturday 10 October', () => {
    const e = refusal(() =>
      fold([
        planned({ window: win('10-10T20:00', '10-10T23:00') }, '09-01T10:00'),
      ]),
    );
    expect(e).toMatchObject({ field: 'window.start', kind: 'input' });
    expect(e.reason).toContain('2026-10-10 is a make-up workday (调休)');
  });
});

describe('a plan on 1 October (国庆节)', () => {
  const october = win('10-01T20:00', '10-01T23:30');
  const override = { reason: '国家医保平台强制切换，卫健委通知要求节前上线' };

  it('is refused at planning, naming the holiday', () => {
    const e = refusal(() =>
      fold([planned({ window: october }, '09-01T10:00')]),
    );
    expect(e).toMatchObject({
      field: 'window',
      kind: 'input',
      reason:
        '2026-10-01 is 国庆节, an official holiday: no upgrades on holidays',
    });
  });

  it('goes ahead with an override, which is recorded and lets it start', () => {
    const events = [
      planned({ window: october, override }, '09-01T10:00'),
      gate('test-environment', '09-02T10:00'),
      gate('simulated-upgrade', '09-03T10:00'),
      rollbackPlan('09-04T10:00'),
      rehearse('09-05T10:00', drill({ performedAt: sh('09-04T21:00') })),
      gate('hospital-approval', '09-06T10:00'),
    ];
    const ready = fold(events);
    expect(ready).toMatchObject({
      status: 'ready',
      windowOverride: {
        by: ZHANG,
        reason: override.reason,
        at: sh('09-01T10:00'),
      },
    });
    const started = applyUpgradeEvent(
      ready,
      ev('start', '10-01T20:10', {}),
      options,
    );
    expect(started).toMatchObject({
      status: 'started',
      windowOverride: ready.windowOverride,
    });
    // a reschedule without an override is judged afresh: refused on the holiday
    const toOct2 = ev('reschedule', '09-07T10:00', {
      window: win('10-02T20:00', '10-02T23:00'),
    });
    expect(
      refusal(() => applyUpgradeEvent(ready, toOct2, options)).reason,
    ).toBe(
      '2026-10-02 is 国庆节, an official holiday: no upgrades on holidays',
    );
    // and one to an ordinary day clears the override
    const toOct8 = ev('reschedule', '09-07T10:00', {
      window: win('10-08T20:00', '10-08T23:00'),
    });
    const moved = applyUpgradeEvent(ready, toOct8, options);
    expect(moved.windowOverride).toBeUndefined();
    expect(moved.status).toBe('ready');
  });
});

describe('every event', () => {
  it('comes no earlier than the last one', () => {
    const e = refusal(() =>
      fold([planned(), gate('test-environment', '11-01T10:00')]),
    );
    expect(e).toMatchObject({ field: 'at', kind: 'input' });
  });

  it('cannot reschedule to a window the rollback does not fit, nor cancel once started', () => {
    const ready = fold(throughGates());
    const hour = {
      ...win('11-28T20:00', '11-28T21:00'),
      expectedDowntimeMinutes: 30,
    };
    const short = ev('reschedule', '11-25T10:00', { window: hour });
    expect(refusal(() => applyUpgradeEvent(ready, short, options)).field).toBe(
      'window.end',
    );
    const cancelled = applyUpgradeEvent(
      ready,
      ev('cancel', '11-25T10:00', { reason: '医院推迟' }),
      options,
    );
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelled: { reason: '医院推迟', by: ZHANG },
    });
    const started = applyUpgradeEvent(
      ready,
      ev('start', '11-28T20:05', {}),
      options,
    );
    expect(
      refusal(() =>
        applyUpgradeEvent(
          started,
          ev('cancel', '11-28T20:10', { reason: 'x' }),
          options,
        ),
      ).kind,
    ).toBe('state');
  });
});
