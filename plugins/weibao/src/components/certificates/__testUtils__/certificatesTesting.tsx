import { fireEvent } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { CertificateRegister } from '@weibao/plugin-weibao-common';
import { renderWeibao, setupWeibaoServer } from '../../../__testUtils__';
import { EntityCertificatesContent } from '../EntityCertificatesContent';
import { ca, REGISTER_URL } from './fixtures';

/** msw handlers and rendering for the tests of a system's certificates, on a test file's server. */
export function certificatesTesting(
  server: ReturnType<typeof setupWeibaoServer>,
) {
  /** Serves the register; counts the loads. */
  function registerIs(value: CertificateRegister) {
    const loads = { count: 0 };
    server.use(
      http.get(REGISTER_URL, () => {
        loads.count += 1;
        return HttpResponse.json(value);
      }),
    );
    return loads;
  }

  /** Renders the certificates tab of `entity` (the CA system by default). */
  const render = (entity: object = ca) =>
    renderWeibao(<EntityCertificatesContent />, { entity: entity as any });

  return { registerIs, render };
}

/** Sets an input's value in one change event. */
export const type = (input: HTMLElement, value: string) =>
  fireEvent.change(input, { target: { value } });
