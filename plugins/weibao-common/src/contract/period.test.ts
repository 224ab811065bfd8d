import { contractPeriodBounds, isContractInForce } from './period';
import type { ContractPeriod } from './types';

const at = (iso: string) => Date.parse(iso);

describe('a contract without a concrete start is in force on no day (issue 14)', () => {
  const instants = [
    '1960-03-03T10:00:00+08:00',
    '2026-03-03T10:00:00+08:00',
    '2027-06-01T10:00:00+08:00',
    '9999-12-31T10:00:00+08:00',
  ].map(at);

  it.each<[string, ContractPeriod]>([
    [
      'from final acceptance, not accepted',
      { from: 'final-acceptance', years: 1 },
    ],
    ['from signing without its day', { from: 'signing', years: 1 }],
  ])('%s', (_, period) => {
    expect(contractPeriodBounds(period)).toBeUndefined();
    for (const t of instants) expect(isContractInForce(period, t)).toBe(false);
  });

  it('is in force from 00:00 of its first day to 24:00 of its last once the start is known', () => {
    const period: ContractPeriod = {
      from: 'final-acceptance',
      years: 1,
      start: '2026-03-02',
    };
    expect(isContractInForce(period, at('2026-03-01T23:59:59+08:00'))).toBe(
      false,
    );
    expect(isContractInForce(period, at('2026-03-02T00:00:00+08:00'))).toBe(
      true,
    );
    expect(isContractInForce(period, at('2027-03-01T23:59:59+08:00'))).toBe(
      true,
    );
    expect(isContractInForce(period, at('2027-03-02T00:00:00+08:00'))).toBe(
      false,
    );
  });
});
