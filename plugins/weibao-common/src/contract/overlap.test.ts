import { MaintenanceContractEntityV1alpha1 } from './types';
import {
  compareContractRefs,
  contractOverlapProblems,
  coveringContractAt,
  duplicateContractRefusals,
} from './overlap';

const contract = (
  name: string,
  period: MaintenanceContractEntityV1alpha1['spec']['period'],
  covers = ['zlhis-chongzuo'],
): MaintenanceContractEntityV1alpha1 =>
  ({
    apiVersion: 'weibao.io/v1alpha1',
    kind: 'MaintenanceContract',
    metadata: { name, namespace: 'default' },
    spec: { period, covers },
  } as unknown as MaintenanceContractEntityV1alpha1);

const at = (iso: string) => Date.parse(iso);

describe('coveringContractAt', () => {
  const old = contract('old', { start: '2026-03-02', end: '2027-03-01' });
  const renewal = contract('renewal', {
    start: '2027-01-01',
    end: '2027-12-31',
  });

  it('takes the old contract before the renewal starts, the renewal from its first day', () => {
    expect(
      coveringContractAt([renewal, old], at('2026-12-31T23:59:00+08:00'))
        ?.metadata.name,
    ).toBe('old');
    expect(
      coveringContractAt([old, renewal], at('2027-01-01T00:00:00+08:00'))
        ?.metadata.name,
    ).toBe('renewal');
    expect(
      coveringContractAt([old, renewal], at('2027-06-01T00:00:00+08:00'))
        ?.metadata.name,
    ).toBe('renewal');
    expect(
      coveringContractAt([old, renewal], at('2028-01-01T00:00:00+08:00')),
    ).toBeUndefined();
  });

  it('does not depend on the order of a tie', () => {
    const a = contract('a', { start: '2026-03-02', end: '2027-03-01' });
    const b = contract('b', { start: '2026-03-02', end: '2027-03-01' });
    const t = at('2026-06-01T00:00:00+08:00');
    expect(coveringContractAt([a, b], t)?.metadata.name).toBe('a');
    expect(coveringContractAt([b, a], t)?.metadata.name).toBe('a');
  });
});

describe('contractOverlapProblems', () => {
  const old = contract('old', { start: '2026-03-02', end: '2027-03-01' });

  it('names a duplicate starting the same day', () => {
    const copy = contract('copy', { start: '2026-03-02', end: '2026-12-31' });
    expect(contractOverlapProblems(copy, [old])).toEqual([
      {
        otherRef: 'maintenancecontract:default/old',
        systems: ['component:default/zlhis-chongzuo'],
        reason: expect.stringMatching(
          /^maintenancecontract:default\/copy and maintenancecontract:default\/old both cover component:default\/zlhis-chongzuo from 2026-03-02: .* a duplicate/,
        ),
      },
    ]);
  });

  it('lets a renewal, other systems, disjoint dates and unstarted contracts be', () => {
    expect(
      contractOverlapProblems(
        contract('renewal', { start: '2027-01-01', end: '2027-12-31' }),
        [old],
      ),
    ).toEqual([]);
    expect(
      contractOverlapProblems(
        contract('other', { start: '2026-03-02', end: '2027-03-01' }, ['pacs']),
        [old],
      ),
    ).toEqual([]);
    expect(
      contractOverlapProblems(
        contract('later', { start: '2027-03-02', end: '2028-03-01' }),
        [old],
      ),
    ).toEqual([]);
    expect(
      contractOverlapProblems(
        contract('acceptance', { from: 'final-acceptance', years: 1 } as any),
        [old],
      ),
    ).toEqual([]);
  });
});

describe('duplicateContractRefusals (issue 14: an explicit priority among duplicates)', () => {
  const period = { start: '2026-03-02', end: '2027-03-01' };
  const first = contract('chongzuo-mch-2026', period);
  const copy = contract('chongzuo-mch-2026-copy', period);

  it('refuses the duplicate whose reference sorts after, naming both and which one applies', () => {
    expect(duplicateContractRefusals(copy, [first])).toEqual([
      {
        otherRef: 'maintenancecontract:default/chongzuo-mch-2026',
        systems: ['component:default/zlhis-chongzuo'],
        reason:
          'maintenancecontract:default/chongzuo-mch-2026-copy and maintenancecontract:default/chongzuo-mch-2026 both cover component:default/zlhis-chongzuo from 2026-03-02: two contracts starting the same day over the same dates are a duplicate, and of duplicates only the one whose reference sorts first is accepted, so maintenancecontract:default/chongzuo-mch-2026 applies and maintenancecontract:default/chongzuo-mch-2026-copy is refused; remove one, or start the renewal on another day (from its first day the contract that started last covers the system)',
      },
    ]);
  });

  it('accepts the duplicate whose reference sorts first, whatever else is in the catalog', () => {
    expect(duplicateContractRefusals(first, [copy])).toEqual([]);
    expect(duplicateContractRefusals(first, [copy, first])).toEqual([]);
  });

  it('gives exactly one accepted contract of a set of duplicates, in any order', () => {
    const set = [
      contract('b', period),
      contract('a-2', period),
      contract('a', period),
      contract('a-1', period),
    ];
    for (const order of [set, [...set].reverse()]) {
      const accepted = order.filter(
        c => duplicateContractRefusals(c, order).length === 0,
      );
      expect(accepted.map(c => c.metadata.name)).toEqual(['a']);
    }
    // the contract the backend takes for a tie is the one the catalog accepts
    expect(
      coveringContractAt(set, at('2026-06-01T00:00:00+08:00'))?.metadata.name,
    ).toBe('a');
  });

  it('refuses nothing for a renewal starting another day', () => {
    const renewal = contract('a-renewal', {
      start: '2027-01-01',
      end: '2027-12-31',
    });
    expect(duplicateContractRefusals(renewal, [first])).toEqual([]);
    expect(duplicateContractRefusals(first, [renewal])).toEqual([]);
  });

  it('compares references by code unit, not by locale', () => {
    expect(compareContractRefs('a', 'b')).toBeLessThan(0);
    expect(compareContractRefs('b', 'a')).toBeGreaterThan(0);
    expect(compareContractRefs('a', 'a')).toBe(0);
    expect(compareContractRefs('x-2026', 'x-2026-copy')).toBeLessThan(0);
    expect(compareContractRefs('x-b', 'x_a')).toBeLessThan(0);
  });
});
