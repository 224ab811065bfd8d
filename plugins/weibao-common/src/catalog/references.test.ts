import { Entity } from '@backstage/catalog-model';
import {
  checkEntityRef,
  isMemberOf,
  notHospitalSystemReason,
} from './references';

describe('checkEntityRef', () => {
  it('completes a short reference with the expected kind', () => {
    expect(checkEntityRef('his-aftersales-guangxi', 'group')).toEqual({
      ok: true,
      ref: 'group:default/his-aftersales-guangxi',
    });
    expect(checkEntityRef('Group:default/his', 'group')).toEqual({
      ok: true,
      ref: 'group:default/his',
    });
  });

  it.each([
    ['', 'is not an entity reference'],
    ['group:', 'is not an entity reference'],
    ['group:default/', 'is not an entity reference'],
    ['a:b:c', 'is not valid in the catalog'],
    ['group:default/has space', 'its name "has space" is not valid'],
    ['group:bad ns/x', 'its namespace "bad ns" is not valid'],
    ['component:default/zlhis-chongzuo', 'refers to a component, not a group'],
  ])('refuses %j', (value, reason) => {
    expect(checkEntityRef(value, 'group')).toEqual({
      ok: false,
      reason: expect.stringContaining(reason),
    });
  });
});

const component = (spec: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', namespace: 'default' },
  spec,
});

describe('notHospitalSystemReason', () => {
  it('accepts a typed component with a hospital and an owner', () => {
    expect(
      notHospitalSystemReason(
        component({ type: 'his', system: 'chongzuo-mch', owner: 'his' }),
      ),
    ).toBeUndefined();
  });

  it('names a library as not a hospital system', () => {
    expect(
      notHospitalSystemReason(
        component({ type: 'library', system: 'chongzuo-mch', owner: 'his' }),
      ),
    ).toMatch(
      /^component:default\/x is a component of type "library", not a hospital system \(spec\.type must be one of his, /,
    );
  });

  it('names a missing hospital or owner', () => {
    expect(
      notHospitalSystemReason(component({ type: 'his', owner: 'g' })),
    ).toMatch(/names no hospital/);
    expect(
      notHospitalSystemReason(component({ type: 'his', system: 's' })),
    ).toMatch(/names no owning team/);
  });
});

describe('isMemberOf', () => {
  const user = (spec: object, relations: Entity['relations'] = []): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'li.na', namespace: 'default' },
    spec,
    relations,
  });

  it('reads spec.memberOf and memberOf relations', () => {
    expect(
      isMemberOf(
        user({ memberOf: ['his-aftersales-guangxi'] }),
        'group:default/his-aftersales-guangxi',
      ),
    ).toBe(true);
    expect(
      isMemberOf(
        user({}, [{ type: 'memberOf', targetRef: 'group:default/his' }]),
        'group:default/his',
      ),
    ).toBe(true);
    expect(
      isMemberOf(
        user({ memberOf: ['critical-care-aftersales'] }),
        'group:default/his',
      ),
    ).toBe(false);
  });
});
