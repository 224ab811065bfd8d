import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  assessLateServicePenalties,
  PenaltyTerms,
  startedDaysLate,
} from './penalty';
import type { MaintenanceContractEntityV1alpha1 } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The signed Chongzuo contract of examples/contracts.yaml: ¥790,000, 3 % a day, at most 5 %. */
const chongzuo = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../examples/contracts.yaml'),
    'utf8',
  ),
).map(doc => doc.toJS() as MaintenanceContractEntityV1alpha1)[0];
const terms: PenaltyTerms = chongzuo.spec;

/** 10:30 on Monday 2 November 2026 in Chongzuo: a response clock falls due. */
const DUE = Date.parse('2026-11-02T10:30:00+08:00');

describe('startedDaysLate', () => {
  it.each([
    ['met well before the due time', -3 * HOUR, 0],
    ['met exactly at the due time', 0, 0],
    ['one millisecond late', 1, 1],
    ['forty minutes late', 40 * MINUTE, 1],
    ['exactly 24 hours late', DAY, 1],
    ['24 hours and one minute late', DAY + MINUTE, 2],
    ['exactly two days late', 2 * DAY, 2],
    ['ten days and an hour late', 10 * DAY + HOUR, 11],
  ])('counts a day begun as a whole day: %s', (_, lateBy, days) => {
    expect(startedDaysLate(DUE, DUE + lateBy)).toBe(days);
  });

  it('counts 24-hour days from the due time, not calendar days', () => {
    // 23:50 one evening to 00:10 the next morning crosses midnight but is not a second day
    const due = Date.parse('2026-11-02T23:50:00+08:00');
    expect(startedDaysLate(due, Date.parse('2026-11-03T00:10:00+08:00'))).toBe(
      1,
    );
  });
});

describe('assessLateServicePenalties on the ¥790,000 contract', () => {
  it('reads the contract: ¥23,700 per day late, capped at ¥39,500', () => {
    const oneDay = assessLateServicePenalties(
      terms,
      [{ dueAt: DUE, metAt: DUE + 40 * MINUTE }],
      DUE + DAY,
    );
    expect(oneDay).toEqual({
      currency: 'CNY',
      amount: 23_700,
      uncappedAmount: 23_700,
      capAmount: 39_500,
      capped: false,
      breaches: [
        { dueAt: DUE, metAt: DUE + 40 * MINUTE, daysLate: 1, amount: 23_700 },
      ],
    });
  });

  it('caps two started days (¥47,400) at 5 % of the value, ¥39,500', () => {
    const result = assessLateServicePenalties(
      terms,
      [{ dueAt: DUE, metAt: DUE + DAY + MINUTE }],
      DUE + 5 * DAY,
    );
    expect(result).toMatchObject({
      amount: 39_500,
      uncappedAmount: 47_400,
      capAmount: 39_500,
      capped: true,
    });
    expect(result.breaches[0]).toMatchObject({ daysLate: 2, amount: 47_400 });
  });

  it('caps the total over several late milestones, each keeping its share before the cap', () => {
    const result = assessLateServicePenalties(
      terms,
      [
        { dueAt: DUE, metAt: DUE + 10 * MINUTE, id: 'response' },
        { dueAt: DUE + HOUR, metAt: DUE + 2 * HOUR, id: 'dispatch' },
      ],
      DUE + DAY,
    );
    expect(result.breaches.map(b => [b.id, b.daysLate, b.amount])).toEqual([
      ['response', 1, 23_700],
      ['dispatch', 1, 23_700],
    ]);
    expect(result).toMatchObject({
      amount: 39_500,
      uncappedAmount: 47_400,
      capped: true,
    });
  });

  it('counts a milestone still not met up to now', () => {
    const late = [{ dueAt: DUE, metAt: null }];
    expect(
      assessLateServicePenalties(terms, late, DUE + 5 * HOUR).breaches[0],
    ).toMatchObject({ daysLate: 1, amount: 23_700 });
    expect(
      assessLateServicePenalties(terms, late, DUE + 30 * HOUR),
    ).toMatchObject({
      amount: 39_500,
      uncappedAmount: 47_400,
      capped: true,
      breaches: [{ daysLate: 2, amount: 47_400 }],
    });
  });

  it('is exactly at the cap without being capped', () => {
    // a rule of 2.5 % a day: two days make exactly the 5 % cap
    const result = assessLateServicePenalties(
      {
        value: chongzuo.spec.value,
        penalties: [
          {
            on: 'late-service',
            percentOfValuePerDay: 2.5,
            capPercentOfValue: 5,
          },
        ],
      },
      [{ dueAt: DUE, metAt: DUE + 2 * DAY }],
      DUE + 3 * DAY,
    );
    expect(result).toMatchObject({
      amount: 39_500,
      uncappedAmount: 39_500,
      capAmount: 39_500,
      capped: false,
    });
  });

  it('costs nothing without late services', () => {
    expect(assessLateServicePenalties(terms, [], DUE)).toEqual({
      currency: 'CNY',
      amount: 0,
      uncappedAmount: 0,
      capAmount: 39_500,
      capped: false,
      breaches: [],
    });
  });

  it('costs nothing for a milestone that was not actually late', () => {
    expect(
      assessLateServicePenalties(terms, [{ dueAt: DUE, metAt: DUE }], DUE + DAY)
        .breaches[0],
    ).toMatchObject({ daysLate: 0, amount: 0 });
  });
});

describe('assessLateServicePenalties with other rules', () => {
  const late = [{ dueAt: DUE, metAt: DUE + DAY + HOUR }]; // two started days

  it('counts days but no money when the contract has no penalty rules', () => {
    expect(
      assessLateServicePenalties(
        { value: { amount: 268_000, currency: 'CNY' } },
        late,
        DUE,
      ),
    ).toEqual({
      currency: 'CNY',
      amount: 0,
      uncappedAmount: 0,
      capAmount: null,
      capped: false,
      breaches: [{ ...late[0], daysLate: 2, amount: 0 }],
    });
  });

  it('ignores rules for late delivery and other occasions', () => {
    const result = assessLateServicePenalties(
      {
        value: { amount: 790_000, currency: 'CNY' },
        penalties: [
          { on: 'late-delivery', percentOfValuePerDay: 1 },
          { on: 'other', fixedAmountPerDay: 500 },
        ],
      },
      late,
      DUE,
    );
    expect(result).toMatchObject({
      amount: 0,
      capAmount: null,
      capped: false,
    });
  });

  it('applies an SLA-breach rule like a late-service rule, with its fixed amount per day', () => {
    const result = assessLateServicePenalties(
      {
        value: { amount: 268_000, currency: 'CNY' },
        penalties: [
          {
            on: 'sla-breach',
            percentOfValuePerDay: 0.5,
            fixedAmountPerDay: 200,
          },
        ],
      },
      late,
      DUE,
    );
    // ¥1,340 + ¥200 a day, two days, no cap
    expect(result).toEqual({
      currency: 'CNY',
      amount: 3_080,
      uncappedAmount: 3_080,
      capAmount: null,
      capped: false,
      breaches: [{ ...late[0], daysLate: 2, amount: 3_080 }],
    });
  });

  it('caps each rule by its own cap and adds the rules up', () => {
    const result = assessLateServicePenalties(
      {
        value: { amount: 790_000, currency: 'CNY' },
        penalties: [
          { on: 'late-service', percentOfValuePerDay: 3, capPercentOfValue: 5 },
          { on: 'sla-breach', fixedAmountPerDay: 1_000, capPercentOfValue: 1 },
        ],
      },
      late,
      DUE,
    );
    // late service: ¥47,400 capped at ¥39,500; SLA breach: ¥2,000 under its ¥7,900 cap
    expect(result).toMatchObject({
      amount: 41_500,
      uncappedAmount: 49_400,
      capAmount: 47_400,
      capped: true,
      breaches: [{ daysLate: 2, amount: 49_400 }],
    });
  });

  it('has no overall cap when one rule that applies has none', () => {
    const result = assessLateServicePenalties(
      {
        value: { amount: 790_000, currency: 'CNY' },
        penalties: [
          { on: 'late-service', percentOfValuePerDay: 3, capPercentOfValue: 5 },
          { on: 'sla-breach', fixedAmountPerDay: 1_000 },
        ],
      },
      late,
      DUE,
    );
    expect(result).toMatchObject({
      amount: 41_500,
      uncappedAmount: 49_400,
      capAmount: null,
      capped: true,
    });
  });

  it('computes to the cent without floating-point drift', () => {
    const result = assessLateServicePenalties(
      {
        value: { amount: 123_456.78, currency: 'HKD' },
        penalties: [{ on: 'late-service', percentOfValuePerDay: 0.1 }],
      },
      [
        { dueAt: DUE, metAt: DUE + MINUTE },
        { dueAt: DUE, metAt: DUE + MINUTE },
        { dueAt: DUE, metAt: DUE + MINUTE },
      ],
      DUE,
    );
    // 0.1 % of HK$123,456.78 is HK$123.46 (rounded to the cent), three times
    expect(result.breaches.map(b => b.amount)).toEqual([
      123.46, 123.46, 123.46,
    ]);
    expect(result).toMatchObject({ currency: 'HKD', amount: 370.38 });
  });
});
