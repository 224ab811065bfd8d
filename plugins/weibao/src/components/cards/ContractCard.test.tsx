import { screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import type { Entity } from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import type {
  ContractStanding,
  MaintenanceContractSpec,
} from '@weibao/plugin-weibao-common';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { ContractCard } from './ContractCard';

const server = setupWeibaoServer();

const CONTRACT = 'maintenancecontract:default/chongzuo-mch-2026';
const INCIDENT = 'b6f7e1d2-4c3a-4f5e-8a9b-000000000001';

const contractEntity: Entity = {
  apiVersion: 'weibao.io/v1alpha1',
  kind: 'MaintenanceContract',
  metadata: { name: 'chongzuo-mch-2026', namespace: 'default' },
  spec: {},
};
const zlhis: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'zlhis-chongzuo', namespace: 'default' },
  spec: {
    type: 'his',
    owner: 'his-aftersales-guangxi',
    system: 'chongzuo-mch',
  },
};
const icu: Entity = {
  ...zlhis,
  metadata: { name: 'icu-longzhou', namespace: 'default' },
  spec: {
    type: 'icu',
    owner: 'critical-care-aftersales',
    system: 'longzhou-people',
  },
};

/** The Chongzuo contract of examples/contracts.yaml, shortened to what the card shows. */
const chongzuoSpec: MaintenanceContractSpec = {
  contractNumber: 'CZFY-XXK-2026-017',
  hospital: 'chongzuo-mch',
  vendor: 'vendor',
  owner: 'his-aftersales-guangxi',
  period: { start: '2026-03-02', end: '2027-03-01' },
  value: { amount: 790000, currency: 'CNY' },
  payments: [
    {
      percent: 50,
      trigger: 'invoice',
      withinDays: 30,
      description: '合同签订后,乙方开具发票,甲方 30 日内支付 50%',
    },
    {
      percent: 50,
      trigger: 'months-after-start',
      months: 6,
      requiresAcceptance: true,
      description: '服务满 6 个月并经验收合格后支付剩余 50%',
    },
  ],
  penalties: [
    {
      on: 'late-service',
      percentOfValuePerDay: 3,
      capPercentOfValue: 5,
      description:
        '乙方逾期提供服务,每日按合同总额 3% 支付违约金,累计不超过 5%',
    },
  ],
  covers: ['zlhis-chongzuo', 'ca-chongzuo'],
  channels: [{ kind: 'hotline', calendar: '5x8' }],
  severityLevels: [
    {
      level: 1,
      name: '系统灾难故障',
      definition: '全院系统瘫痪,业务无法开展',
      clocks: [
        {
          milestone: 'response',
          target: { amount: 30, unit: 'minutes' },
          calendar: '24x7',
        },
        {
          milestone: 'dispatch',
          target: { amount: 2, unit: 'hours' },
          calendar: '24x7',
        },
      ],
    },
    {
      level: 3,
      name: '一般错误类',
      definition: '窗口部门可正常工作',
      clocks: [
        {
          milestone: 'dispatch',
          target: { amount: 3, unit: 'working-days' },
          calendar: '5x8',
          agreedTimeAllowed: true,
        },
      ],
    },
  ],
};

const standing: ContractStanding = {
  evaluatedAt: '2026-11-21T02:00:00.000Z',
  entityRef: CONTRACT,
  reason: null,
  contract: {
    entityRef: CONTRACT,
    title: '崇左市妇幼保健院 医院信息系统运维服务合同 (2026)',
    spec: chongzuoSpec,
    periodStart: '2026-03-02',
    periodEnd: '2027-03-01',
    inForce: true,
    covered: [
      {
        entityRef: 'component:default/zlhis-chongzuo',
        title: 'ZLHIS 医院信息系统',
        type: 'his',
      },
      {
        entityRef: 'component:default/ca-chongzuo',
        title: '个人身份证书 (CA)',
        type: 'ca',
      },
    ],
    exposure: {
      currency: 'CNY',
      amount: 39500,
      uncappedAmount: 47400,
      capAmount: 39500,
      capped: true,
      breaches: [
        {
          incidentId: INCIDENT,
          title: '全院挂号、收费无法登录 ZLHIS',
          systemRef: 'component:default/zlhis-chongzuo',
          milestone: 'dispatch',
          dueAt: '2026-11-18T03:00:00.000Z',
          metAt: null,
          daysLate: 2,
          amount: 47400,
        },
      ],
    },
    obligations: { overdue: 1, dueSoon: 4, done: 57 },
  },
};

function serveStanding(
  body: ContractStanding | (() => Response | Promise<Response>),
) {
  const asked: string[] = [];
  server.use(
    http.get(`${WEIBAO_BASE_URL}/contract-standing`, ({ request }) => {
      asked.push(new URL(request.url).searchParams.get('entityRef')!);
      return typeof body === 'function' ? body() : HttpResponse.json(body);
    }),
  );
  return asked;
}

describe('ContractCard', () => {
  it('shows the period, value, in force and covered systems of a contract', async () => {
    const asked = serveStanding(standing);
    await renderWeibao(<ContractCard />, { entity: contractEntity });
    expect(await screen.findByTestId('contract-value')).toHaveTextContent(
      '¥790,000.00',
    );
    expect(screen.getByTestId('contract-period')).toHaveTextContent(
      '2 Mar 2026 – 1 Mar 2027',
    );
    expect(screen.getByTestId('contract-in-force')).toHaveAttribute(
      'data-in-force',
      'true',
    );
    expect(screen.getByText('CZFY-XXK-2026-017')).toBeInTheDocument();
    const covered = screen.getByTestId('contract-covered');
    expect(
      within(covered).getByRole('link', { name: 'ZLHIS 医院信息系统' }),
    ).toHaveAttribute('href', '/catalog/default/component/zlhis-chongzuo');
    expect(covered).toHaveTextContent('CA digital certificates');
    expect(
      screen.getByText('1 overdue · 4 due soon · 57 done'),
    ).toBeInTheDocument();
    // the card of the contract itself does not link to itself
    expect(screen.queryByText('Contract', { selector: 'td *, td' })).toBeNull();
    expect(asked).toEqual([CONTRACT]);
  });

  it('says when the catalog refused its latest update and it runs on its last good terms', async () => {
    serveStanding(standing);
    const refusedEntity: AlphaEntity = {
      ...contractEntity,
      status: {
        items: [
          {
            type: 'backstage.io/catalog-processing',
            level: 'error',
            message:
              'InputError: maintenancecontract:default/chongzuo-mch-2026: spec.severityLevels[0].clocks[0].calendar: unknown calendar "7x24"',
            error: { name: 'InputError', message: 'unknown calendar' },
          },
        ],
      },
    };
    await renderWeibao(<ContractCard />, { entity: refusedEntity });
    const warning = await screen.findByTestId('contract-update-refused');
    expect(warning).toHaveTextContent(
      'The catalog refused the latest update of this contract: it still runs on its last accepted terms',
    );
    expect(warning).toHaveTextContent(
      'spec.severityLevels[0].clocks[0].calendar: unknown calendar "7x24"',
    );
    // the last good terms are still shown
    expect(screen.getByTestId('contract-value')).toHaveTextContent(
      '¥790,000.00',
    );
  });

  it('shows no warning for a contract the catalog accepted', async () => {
    serveStanding(standing);
    await renderWeibao(<ContractCard />, { entity: contractEntity });
    await screen.findByTestId('contract-value');
    expect(screen.queryByTestId('contract-update-refused')).toBeNull();
  });

  it('shows the severity matrix, payment milestones and penalty rules', async () => {
    serveStanding(standing);
    await renderWeibao(<ContractCard />, { entity: contractEntity });
    const levels = await screen.findAllByTestId('contract-level');
    expect(levels[0]).toHaveTextContent('系统灾难故障');
    expect(levels[0]).toHaveTextContent('Response within 30 min (24x7)');
    expect(levels[0]).toHaveTextContent('Dispatch within 2 h (24x7)');
    expect(levels[1]).toHaveTextContent(
      'Dispatch within 3 working days (5x8), or a time agreed with the hospital',
    );
    const payments = screen.getAllByTestId('contract-payment');
    expect(payments[0]).toHaveTextContent('50% on invoice, within 30 days');
    expect(payments[1]).toHaveTextContent(
      '50% · 6 months after the start, after acceptance',
    );
    expect(screen.getByTestId('contract-penalty')).toHaveTextContent(
      'Late service: 3% of the value per day, capped at 5% in total',
    );
  });

  it('shows the penalty exposure so far with the cap and each breach', async () => {
    serveStanding(standing);
    await renderWeibao(<ContractCard />, { entity: contractEntity });
    expect(
      await screen.findByTestId('contract-exposure-amount'),
    ).toHaveTextContent('¥39,500.00');
    expect(screen.getByTestId('contract-exposure-cap')).toHaveTextContent(
      '¥39,500.00',
    );
    expect(screen.getByTestId('contract-exposure-uncapped')).toHaveTextContent(
      '¥47,400.00',
    );
    expect(screen.getByTestId('contract-exposure-capped')).toHaveTextContent(
      'The cap is reached',
    );
    const breach = screen.getByTestId('contract-breach');
    expect(
      within(breach).getByRole('link', {
        name: '全院挂号、收费无法登录 ZLHIS',
      }),
    ).toHaveAttribute('href', `/weibao/incidents/${INCIDENT}`);
    expect(breach).toHaveTextContent('Dispatch');
    expect(breach).toHaveTextContent('18 Nov 2026, 11:00');
    expect(breach).toHaveTextContent('still late');
    expect(within(breach).getAllByRole('cell')[4]).toHaveTextContent(/^2$/);
    expect(breach).toHaveTextContent('¥47,400.00');
  });

  it('shows the covering contract of a system, linking to it', async () => {
    const asked = serveStanding({
      ...standing,
      entityRef: 'component:default/zlhis-chongzuo',
    });
    await renderWeibao(<ContractCard />, { entity: zlhis });
    expect(
      await screen.findByRole('link', {
        name: '崇左市妇幼保健院 医院信息系统运维服务合同 (2026)',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/maintenancecontract/chongzuo-mch-2026',
    );
    expect(
      screen.getByText('Contract', { selector: 'td *, td' }),
    ).toBeInTheDocument();
    expect(asked).toEqual(['component:default/zlhis-chongzuo']);
  });

  it('says a period from final acceptance has not started yet', async () => {
    serveStanding({
      ...standing,
      entityRef: 'component:default/icu-longzhou',
      contract: {
        ...standing.contract!,
        entityRef: 'maintenancecontract:default/longzhou-people-critical-care',
        title: '龙州县人民医院 重症与医保系统维保',
        spec: {
          ...chongzuoSpec,
          contractNumber: 'LZRY-2026-ZZ-03',
          period: { from: 'final-acceptance', years: 1 },
          value: { amount: 268000, currency: 'CNY' },
          penalties: [],
          payments: [],
        },
        periodStart: null,
        periodEnd: null,
        inForce: true,
        exposure: {
          currency: 'CNY',
          amount: 0,
          uncappedAmount: 0,
          capAmount: null,
          capped: false,
          breaches: [],
        },
      },
    });
    await renderWeibao(<ContractCard />, { entity: icu });
    expect(await screen.findByTestId('contract-period')).toHaveTextContent(
      '1 year(s) from final acceptance · not yet started',
    );
    expect(screen.getByTestId('contract-value')).toHaveTextContent(
      '¥268,000.00',
    );
    expect(
      screen.getByText('No payment milestones recorded.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No penalty rules recorded.')).toBeInTheDocument();
    expect(screen.getByTestId('contract-exposure-cap')).toHaveTextContent(
      'no cap',
    );
    expect(
      screen.getByText('No breached clock: no penalty so far.'),
    ).toBeInTheDocument();
  });

  it('explains why a system has no contract, without an error', async () => {
    serveStanding({
      evaluatedAt: '2026-11-21T02:00:00.000Z',
      entityRef: 'component:default/zlhis-chongzuo',
      contract: null,
      reason: 'no maintenance contract covers component:default/zlhis-chongzuo',
    });
    await renderWeibao(<ContractCard />, { entity: zlhis });
    expect(await screen.findByTestId('contract-none')).toHaveTextContent(
      'No maintenance contract: no maintenance contract covers component:default/zlhis-chongzuo',
    );
    expect(screen.queryByText(/Error/)).not.toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    serveStanding(async () => {
      await delay('infinite');
      return HttpResponse.json(standing);
    });
    await renderWeibao(<ContractCard />, { entity: contractEntity });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    serveStanding(() =>
      errorResponse(
        400,
        'InputError',
        'entityRef: "api:default/x" is neither a Component nor a MaintenanceContract',
      ),
    );
    await renderWeibao(<ContractCard />, { entity: contractEntity });
    expect(
      (
        await screen.findAllByText(
          /is neither a Component nor a MaintenanceContract/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });
});
