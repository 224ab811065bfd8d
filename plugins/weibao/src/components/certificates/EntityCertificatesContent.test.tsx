import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import {
  errorResponse,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import {
  ca,
  certificatesTesting,
  LOST,
  OUTPATIENT,
  PHARMACY,
  register,
  REGISTER_URL,
  type,
  WARD,
} from './__testUtils__';

// dialogs are slow to render and fill in jsdom
jest.setTimeout(20_000);

const server = setupWeibaoServer();
const { registerIs, render } = certificatesTesting(server);

describe('EntityCertificatesContent', () => {
  it('shows progress while the register loads', async () => {
    server.use(
      http.get(REGISTER_URL, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await render();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the totals against the contract minimums, the shortfall highlighted', async () => {
    registerIs(register);
    await render();
    const certificates = await screen.findByTestId(
      'certificate-count-personalCertificates',
    );
    expect(certificates).toHaveAttribute('data-shortfall', '14');
    expect(certificates).toHaveTextContent('480 of 494');
    expect(certificates).toHaveTextContent('14 short');
    const usbKeys = screen.getByTestId('certificate-count-usbKeys');
    expect(usbKeys).toHaveAttribute('data-shortfall', '1');
    expect(usbKeys).toHaveTextContent('20 of 21');
    expect(usbKeys).toHaveTextContent('1 short');
    const seals = screen.getByTestId('certificate-count-electronicSeals');
    expect(seals).toHaveAttribute('data-shortfall', '0');
    expect(seals).toHaveTextContent('8 of 8');
    expect(seals).toHaveTextContent('Meets the minimum');
    expect(
      screen.getByText(
        'Minimums from maintenancecontract:default/chongzuo-mch-2026, as of 21 Nov 2026',
      ),
    ).toBeInTheDocument();
  });

  it('lists the batches with expired, expiring and retired ones marked', async () => {
    registerIs(register);
    await render();
    const state = async (id: string) =>
      (await screen.findByTestId(`batch-state-${id}`)).getAttribute(
        'data-batch-state',
      );
    expect(await state(PHARMACY)).toBe('expired');
    expect(screen.getByTestId(`batch-state-${PHARMACY}`)).toHaveTextContent(
      'Expired 20 d ago',
    );
    expect(await state(WARD)).toBe('expiring-soon');
    expect(screen.getByTestId(`batch-state-${WARD}`)).toHaveTextContent(
      'Expires in 40 d',
    );
    expect(await state(OUTPATIENT)).toBe('in-use');
    expect(await state(LOST)).toBe('retired');
    expect(screen.getByTestId(`batch-state-${LOST}`)).toHaveTextContent(
      'Retired (Lost) 1 Jun 2026',
    );
    const ward = screen.getByText('住院部').closest('tr')!;
    expect(within(ward).getByText('B0001–B0460')).toBeInTheDocument();
    expect(within(ward).getByText('Smart card')).toBeInTheDocument();
    expect(within(ward).getByText('31 Dec 2026')).toBeInTheDocument();
    expect(screen.getByText('P-01; P-02; P-03 and 3 more')).toBeInTheDocument();
    expect(screen.getByText('Personal electronic seal')).toBeInTheDocument();
    // a retired batch cannot be retired again
    expect(screen.queryByTestId(`retire-batch-${LOST}`)).toBeNull();
    expect(screen.getByTestId(`retire-batch-${WARD}`)).toBeInTheDocument();
  });

  it('counts USB keys apart from the certificates on them, and says which keys were not stated', async () => {
    registerIs({
      ...register,
      batches: register.batches.map(b =>
        b.id === OUTPATIENT ? { ...b, usbKeys: null, count: 308 } : b,
      ),
      totals: { personalCertificates: 768, usbKeys: 0, electronicSeals: 8 },
      withoutKeyCount: 308,
      shortfall: { personalCertificates: 0, usbKeys: 21, electronicSeals: 0 },
    });
    await render();
    const certificates = await screen.findByTestId(
      'certificate-count-personalCertificates',
    );
    expect(certificates).toHaveTextContent('768 of 494');
    expect(certificates).toHaveTextContent('Meets the minimum');
    const usbKeys = screen.getByTestId('certificate-count-usbKeys');
    expect(usbKeys).toHaveAttribute('data-shortfall', '21');
    expect(usbKeys).toHaveTextContent('0 of 21');
    expect(usbKeys).toHaveTextContent('USB keys');
    expect(usbKeys).toHaveTextContent('21 short');
    expect(
      screen.getByTestId('certificate-count-electronicSeals'),
    ).toHaveTextContent('8 of 8');
    expect(
      screen.getByTestId('certificate-without-key-count'),
    ).toHaveTextContent(
      '308 certificates or seals on USB keys are in batches that do not say how many keys they are on: those keys are not counted.',
    );
    expect(
      await screen.findByTestId(`batch-usb-keys-${OUTPATIENT}`),
    ).toHaveTextContent('USB key · keys not stated');
    expect(screen.getByTestId(`batch-usb-keys-${LOST}`)).toHaveTextContent(
      'USB key · on 2 keys',
    );
  });

  it('shows the keys a batch on USB keys is on, and no warning when every batch states them', async () => {
    registerIs(register);
    await render();
    expect(
      await screen.findByTestId(`batch-usb-keys-${OUTPATIENT}`),
    ).toHaveTextContent('USB key · on 20 keys');
    expect(screen.queryByTestId(`batch-usb-keys-${WARD}`)).toBeNull();
    expect(screen.queryByTestId('certificate-without-key-count')).toBeNull();
  });

  it('says when nothing is registered and no contract sets minimums', async () => {
    registerIs({
      ...register,
      contractRef: null,
      batches: [],
      expired: [],
      expiringSoon: [],
      totals: { personalCertificates: 0, usbKeys: 0, electronicSeals: 0 },
      minimums: { personalCertificates: 0, usbKeys: 0, electronicSeals: 0 },
      shortfall: { personalCertificates: 0, usbKeys: 0, electronicSeals: 0 },
    });
    await render();
    expect(
      await screen.findByText('No certificates registered yet: import a CSV.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No contract in force covers this system: no minimums apply (as of 21 Nov 2026).',
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    server.use(
      http.get(REGISTER_URL, () =>
        errorResponse(403, 'NotAllowedError', 'weibao.certificate.read denied'),
      ),
    );
    await render();
    expect(
      (await screen.findAllByText(/weibao.certificate.read denied/)).length,
    ).toBeGreaterThan(0);
  });

  it('says a system that is not a CA system has no register, without asking the backend', async () => {
    const loads = registerIs(register);
    await render({ ...ca, spec: { ...ca.spec, type: 'his' } });
    expect(await screen.findByText('Not a CA system')).toBeInTheDocument();
    expect(loads.count).toBe(0);
  });
});

describe('Retire', () => {
  it('retires a batch with its version and the reason, then reloads', async () => {
    const loads = registerIs(register);
    let body: unknown;
    let url = '';
    server.use(
      http.post(
        `${WEIBAO_BASE_URL}/certificates/:id/retire`,
        async ({ request }) => {
          url = request.url;
          body = await request.json();
          return HttpResponse.json({ ...register.batches[1], version: 4 });
        },
      ),
    );
    await render();
    await userEvent.click(await screen.findByTestId(`retire-batch-${WARD}`));
    const dialog = await screen.findByTestId('retire-batch-dialog');
    expect(dialog).toHaveTextContent('Retire the batch of 住院部');
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Reason'),
      'revoked',
    );
    type(within(dialog).getByLabelText('Note'), '医生离职');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Retire' }),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('retire-batch-dialog')).toBeNull(),
    );
    expect(url).toBe(`${WEIBAO_BASE_URL}/certificates/${WARD}/retire`);
    expect(body).toEqual({ version: 3, reason: 'revoked', note: '医生离职' });
    await waitFor(() => expect(loads.count).toBe(2));
  });

  it("shows a stale version's 409 and keeps the dialog open", async () => {
    registerIs(register);
    server.use(
      http.post(`${WEIBAO_BASE_URL}/certificates/:id/retire`, () =>
        errorResponse(
          409,
          'ConflictError',
          `version: certificate batch ${OUTPATIENT} is at version 2, not 1; reload and try again`,
        ),
      ),
    );
    await render();
    await userEvent.click(
      await screen.findByTestId(`retire-batch-${OUTPATIENT}`),
    );
    const dialog = await screen.findByTestId('retire-batch-dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Retire' }),
    );
    expect(await within(dialog).findByTestId('form-error')).toHaveTextContent(
      'is at version 2, not 1',
    );
  });
});
