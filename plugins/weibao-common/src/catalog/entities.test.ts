import { Entity } from '@backstage/catalog-model';
import {
  checkHospitalSystem,
  describeEntityProblems,
  isWeibaoAvailable,
} from './entities';
import { isHospitalSystemType } from './systemTypes';

const zlhis: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'zlhis-chongzuo',
    annotations: {
      'weibao.io/product': 'ZLHIS',
      'weibao.io/manufacturer': '中联',
    },
  },
  spec: {
    type: 'his',
    lifecycle: 'production',
    owner: 'his-aftersales-guangxi',
    system: 'chongzuo-mch',
  },
};

describe('hospital system vocabulary', () => {
  it('knows the types of the systems in the seed contracts', () => {
    for (const type of ['his', 'anesthesia', 'ecg', 'ca', 'queue', 'icu']) {
      expect(isHospitalSystemType(type)).toBe(true);
    }
    expect(isHospitalSystemType('service')).toBe(false);
    expect(isHospitalSystemType('toString')).toBe(false);
    expect(isHospitalSystemType(undefined)).toBe(false);
  });
});

describe('isWeibaoAvailable', () => {
  it('is true for a hospital system and false for other entities', () => {
    expect(isWeibaoAvailable(zlhis)).toBe(true);
    expect(
      isWeibaoAvailable({ ...zlhis, spec: { ...zlhis.spec, type: 'website' } }),
    ).toBe(false);
    expect(isWeibaoAvailable({ ...zlhis, kind: 'System' })).toBe(false);
  });
});

describe('checkHospitalSystem', () => {
  it('accepts a complete hospital system', () => {
    expect(checkHospitalSystem(zlhis)).toEqual([]);
  });

  it('names each field at fault', () => {
    const broken: Entity = {
      ...zlhis,
      metadata: {
        ...zlhis.metadata,
        annotations: { 'weibao.io/product-version': ' ' },
      },
      spec: { ...zlhis.spec, system: undefined },
    };
    const problems = checkHospitalSystem(broken);
    expect(problems).toEqual([
      { field: 'spec.system', reason: expect.stringContaining('hospital') },
      {
        field: 'metadata.annotations["weibao.io/product-version"]',
        reason: 'must not be empty',
      },
    ]);
    expect(describeEntityProblems(broken, problems)).toMatch(
      /^component:default\/zlhis-chongzuo: spec\.system: .*; metadata\.annotations/,
    );
  });

  it('ignores components that are not hospital systems', () => {
    expect(
      checkHospitalSystem({
        ...zlhis,
        spec: { type: 'website', owner: 'x', lifecycle: 'production' },
      }),
    ).toEqual([]);
  });
});
