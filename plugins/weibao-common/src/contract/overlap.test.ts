import { MaintenanceContractEntityV1alpha1 } from './types';
import { contractOverlapProblems, coveringContractAt } from './overlap';

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
