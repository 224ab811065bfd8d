import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { Entity } from '@backstage/catalog-model';
import type { ContractStanding } from '@weibao/plugin-weibao-common';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { ContractCard } from './ContractCard';

const server = setupWeibaoServer();

const CONTRACT = 'maintenancecontract:default/longzhou-people-critical-care';
const ACCEPTANCE_URL = `${WEIBAO_BASE_URL}/contracts/default/longzhou-people-critical-care/acceptance`;

const contractEntity: Entity = {
  apiVersion: 'weibao.io/v1alpha1',
  kind: 'MaintenanceContract',
  metadata: { name: 'longzhou-people-critical-care', namespace: 'default' },
  spec: {},
};

/** A contract of one year from final acceptance (终验), not accepted yet. */
const awaiting: ContractStanding = {
  evaluatedAt: '2026-11-21T02:00:00.000Z',
  entityRef: CONTRACT,
  reason: null,
  contract: {
    entityRef: CONTRACT,
    title: '龙州县人民医院 重症与医保系统维保',
    spec: {
      contractNumber: 'LZRY-2026-ZZ-03',
      hospital: 'longzhou-people',
      vendor: 'vendor',
      owner: 'critical-care-aftersales',
      period: { from: 'final-acceptance', years: 1 },
      value: { amount: 268000, currency: 'CNY' },
      payments: [],
      penalties: [],
      covers: ['icu-longzhou'],
      channels: [{ kind: 'hotline', calendar: '5x8' }],
      severityLevels: [],
    },
    periodStart: null,
    periodEnd: null,
    inForce: false,
    covered: [],
    exposure: {
      currency: 'CNY',
      amount: 0,
      uncappedAmount: 0,
      capAmount: null,
      capped: false,
      breaches: [],
    },
    obligations: { overdue: 0, dueSoon: 0, done: 0 },
  },
};

const accepted: ContractStanding = {
  ...awaiting,
  contract: {
    ...awaiting.contract!,
    periodStart: '2026-11-18',
    periodEnd: '2027-11-17',
    inForce: true,
  },
};

/** Serves the standings in turn (the last one again and again); counts the calls. */
function serveStandings(...standings: ContractStanding[]) {
  let calls = 0;
  server.use(
    http.get(`${WEIBAO_BASE_URL}/contract-standing`, () => {
      const body = standings[Math.min(calls, standings.length - 1)];
      calls += 1;
      return HttpResponse.json(body);
    }),
  );
  return () => calls;
}

async function openDialog() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Record final acceptance' }),
  );
  return screen.findByTestId('record-acceptance-dialog');
}

describe('ContractCard: recording the final acceptance (终验)', () => {
  it('records the day and note, says what it recorded and reloads the card', async () => {
    const calls = serveStandings(awaiting, accepted);
    const sent: unknown[] = [];
    server.use(
      http.post(ACCEPTANCE_URL, async ({ request }) => {
        sent.push(await request.json());
        return HttpResponse.json(
          {
            contractRef: CONTRACT,
            acceptedOn: '2026-11-18',
            note: 'YS-2026-041',
            recordedBy: 'user:default/li.ming',
            recordedAt: '2026-11-21T02:00:00.000Z',
          },
          { status: 201 },
        );
      }),
    );
    await renderWeibao(<ContractCard />, { entity: contractEntity });
    expect(await screen.findByTestId('contract-period')).toHaveTextContent(
      'not yet started',
    );
    const dialog = await openDialog();
    await userEvent.type(
      within(dialog).getByLabelText(/Day of final acceptance/),
      '2026-11-18',
    );
    await userEvent.type(within(dialog).getByLabelText('Note'), 'YS-2026-041');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Final acceptance on 18 Nov 2026 recorded by user:default/li.ming: the period runs from that day.',
    );
    expect(sent).toEqual([{ acceptedOn: '2026-11-18', note: 'YS-2026-041' }]);
    await waitFor(() =>
      expect(screen.getByTestId('contract-period')).toHaveTextContent(
        '18 Nov 2026 – 17 Nov 2027',
      ),
    );
    expect(calls()).toBe(2);
    expect(screen.queryByTestId('record-acceptance-dialog')).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Record final acceptance' }),
    ).toBeNull();
  });

  it("shows the backend's refusal next to the field it names, and stays open", async () => {
    const calls = serveStandings(awaiting);
    server.use(
      http.post(ACCEPTANCE_URL, () =>
        errorResponse(
          400,
          'InputError',
          'acceptedOn: 2099-01-01 is after today (2026-11-21): record an acceptance once it happened',
        ),
      ),
    );
    await renderWeibao(<ContractCard />, { entity: contractEntity });
    const dialog = await openDialog();
    const day = within(dialog).getByLabelText(/Day of final acceptance/);
    await userEvent.type(day, '2099-01-01');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );

    expect(
      await within(dialog).findByText(/acceptedOn: 2099-01-01 is after today/),
    ).toBeInTheDocument();
    expect(day).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).queryByTestId('form-error')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    expect(calls()).toBe(1);
  });

  it('shows a refusal naming no input above the form (already recorded)', async () => {
    serveStandings(awaiting);
    server.use(
      http.post(ACCEPTANCE_URL, () =>
        errorResponse(
          409,
          'ConflictError',
          `contractRef: the final acceptance of ${CONTRACT} is already recorded (2026-11-18, by user:default/li.ming); the record is append-only`,
        ),
      ),
    );
    await renderWeibao(<ContractCard />, { entity: contractEntity });
    const dialog = await openDialog();
    await userEvent.type(
      within(dialog).getByLabelText(/Day of final acceptance/),
      '2026-11-18',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    expect(await within(dialog).findByTestId('form-error')).toHaveTextContent(
      'is already recorded (2026-11-18, by user:default/li.ming)',
    );
  });

  it('asks for the day before sending anything', async () => {
    serveStandings(awaiting);
    let posted = false;
    server.use(
      http.post(ACCEPTANCE_URL, () => {
        posted = true;
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    await renderWeibao(<ContractCard />, { entity: contractEntity });
    const dialog = await openDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    expect(
      await within(dialog).findByText('Give the day of the final acceptance.'),
    ).toBeInTheDocument();
    expect(posted).toBe(false);
  });

  it('offers no button once the contract has started, or for fixed dates', async () => {
    serveStandings(accepted);
    await renderWeibao(<ContractCard />, { entity: contractEntity });
    await screen.findByTestId('contract-period');
    expect(
      screen.queryByRole('button', { name: 'Record final acceptance' }),
    ).toBeNull();
  });
});
