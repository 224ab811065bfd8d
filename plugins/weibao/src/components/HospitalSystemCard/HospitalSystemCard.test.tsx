import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { HospitalSystemCard } from './HospitalSystemCard';

const smartanes: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'smartanes-chongzuo',
    namespace: 'default',
    annotations: {
      'weibao.io/product': 'SmartAnes',
      'weibao.io/product-version': 'V1.0',
    },
  },
  spec: {
    type: 'anesthesia',
    lifecycle: 'production',
    owner: 'his-aftersales-guangxi',
    system: 'chongzuo-mch',
  },
};

describe('HospitalSystemCard', () => {
  it("shows the system's hospital, type, product and team from the entity", async () => {
    await renderInTestApp(
      <EntityProvider entity={smartanes}>
        <HospitalSystemCard />
      </EntityProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(screen.getByText('Surgical anaesthesia system')).toBeInTheDocument();
    expect(screen.getByText('SmartAnes')).toBeInTheDocument();
    expect(screen.getByText('V1.0')).toBeInTheDocument();
    expect(screen.getByText('chongzuo-mch')).toBeInTheDocument();
    expect(screen.getByText('his-aftersales-guangxi')).toBeInTheDocument();
    // the manufacturer is not recorded for this system
    expect(screen.getByText('Not recorded')).toBeInTheDocument();
  });
});
