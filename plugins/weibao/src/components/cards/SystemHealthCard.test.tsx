import { screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import type { Entity } from '@backstage/catalog-model';
import type { SystemHealth } from '@weibao/plugin-weibao-common';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { SystemHealthCard } from './SystemHealthCard';

const server = setupWeibaoServer();

const CONTRACT = 'maintenancecontract:default/chongzuo-mch-2026';

const component = (
  name: string,
  type: string,
  coveredBy: string[] = [CONTRACT],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type, owner: 'his-aftersales-guangxi', system: 'chongzuo-mch' },
  relations: coveredBy.map(targetRef => ({ type: 'coveredBy', targetRef })),
});
const zlhis = component('zlhis-chongzuo', 'his');
const ca = component('ca-chongzuo', 'ca');
/** A system no contract lists under spec.covers: the catalog gives it no coveredBy relation. */
const pacs = component('pacs-chongzuo', 'pacs', []);

const INCIDENT = 'b6f7e1d2-4c3a-4f5e-8a9b-000000000001';
const OTHER_INCIDENT = 'b6f7e1d2-4c3a-4f5e-8a9b-000000000002';

const quiet: SystemHealth = {
  systemRef: 'component:default/zlhis-chongzuo',
  evaluatedAt: '2026-11-21T02:00:00.000Z',
  openIncidents: 0,
  openByLevel: {},
  levelNames: {},
  awaitingConfirmation: 0,
  atRisk: 0,
  breached: 0,
  runningClocks: [],
  obligations: {
    overdue: 0,
    dueSoon: 0,
    next: [],
    nextInspection: null,
    nextDrill: null,
  },
  upgrades: { inFlight: 0, next: null },
  drills: { overdue: 0, last: null },
  certificates: null,
};

const busy: SystemHealth = {
  ...quiet,
  openIncidents: 3,
  openByLevel: { '1': 1, '2': 2 },
  levelNames: { '1': '系统灾难故障', '2': '严重故障' },
  awaitingConfirmation: 1,
  atRisk: 1,
  breached: 1,
  runningClocks: [
    {
      incidentId: INCIDENT,
      title: '全院挂号、收费无法登录 ZLHIS',
      level: 1,
      milestone: 'dispatch',
      dueAt: '2026-11-21T01:30:00.000Z',
      status: 'breached',
      atRisk: false,
    },
    {
      incidentId: OTHER_INCIDENT,
      title: '药房发药窗口无法打印处方',
      level: 2,
      milestone: 'dispatch',
      dueAt: '2026-11-21T03:15:00.000Z',
      status: 'running',
      atRisk: true,
    },
  ],
  obligations: {
    overdue: 1,
    dueSoon: 2,
    next: [
      {
        id: '7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0004',
        kind: 'backup',
        followUpKind: null,
        description: '每日增量备份',
        dueAt: '2026-11-21T16:00:00.000Z',
        state: 'due',
      },
      {
        id: '7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0001',
        kind: 'inspection',
        followUpKind: null,
        description: '现场巡检',
        dueAt: '2026-12-01T10:00:00.000Z',
        state: 'due',
      },
      {
        id: '7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0006',
        kind: 'inspection',
        followUpKind: 'report',
        description: '巡检报告',
        dueAt: '2026-12-04T10:00:00.000Z',
        state: 'upcoming',
      },
    ],
    nextInspection: {
      id: '7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0001',
      kind: 'inspection',
      followUpKind: null,
      description: '现场巡检',
      dueAt: '2026-12-01T10:00:00.000Z',
      state: 'due',
    },
    nextDrill: {
      id: '7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0009',
      kind: 'drill',
      followUpKind: null,
      description: '服务器宕机应急演练',
      dueAt: '2026-11-20T10:00:00.000Z',
      state: 'overdue',
    },
  },
  upgrades: {
    inFlight: 1,
    next: {
      id: 'c0ffee00-0000-4000-8000-000000000001',
      title: 'ZLHIS 10.35 升级',
      toVersion: '10.35',
      status: 'draft',
      windowStart: '2026-12-12T14:00:00.000Z',
      windowEnd: '2026-12-12T20:00:00.000Z',
      missingGates: ['rollback-rehearsed', 'hospital-approval'],
    },
  },
  drills: {
    overdue: 1,
    last: {
      id: 'd0000000-0000-4000-8000-000000000001',
      scenario: '服务器宕机',
      performedAt: '2026-06-20T06:00:00.000Z',
      passed: true,
      recoveryMinutes: 35,
      targetMinutes: 60,
    },
  },
};

function serveHealth(body: object, name = 'zlhis-chongzuo') {
  server.use(
    http.get(`${WEIBAO_BASE_URL}/systems/default/${name}/health`, () =>
      HttpResponse.json(body),
    ),
  );
}

describe('SystemHealthCard', () => {
  it('shows open incidents by level with their names, and the clocks at risk and breached', async () => {
    serveHealth(busy);
    await renderWeibao(<SystemHealthCard />, { entity: zlhis });

    expect(
      await screen.findByTestId('health-open-incidents'),
    ).toHaveTextContent(/^3$/);
    expect(
      screen.getByTestId('health-awaiting-confirmation'),
    ).toHaveTextContent(/^1$/);
    expect(screen.getByTestId('health-at-risk')).toHaveTextContent(/^1$/);
    expect(screen.getByTestId('health-breached')).toHaveTextContent(/^1$/);
    // the covering contract, from the entity's relations
    expect(
      within(screen.getByTestId('health-covered-by')).getByRole('link'),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('/maintenancecontract/chongzuo-mch-2026'),
    );
    const byLevel = screen.getByTestId('health-by-level');
    expect(
      within(byLevel).getByText('Level 1 · 系统灾难故障: 1'),
    ).toBeInTheDocument();
    expect(
      within(byLevel).getByText('Level 2 · 严重故障: 2'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('health-no-contract')).not.toBeInTheDocument();
  });

  it('lists running clocks with milestone, due and remaining time and state, linking to the incident', async () => {
    serveHealth(busy);
    await renderWeibao(<SystemHealthCard />, { entity: zlhis });
    const rows = await screen.findAllByTestId('health-running-clock');
    expect(rows).toHaveLength(2);
    const [late, soon] = rows;
    expect(
      within(late).getByRole('link', { name: '全院挂号、收费无法登录 ZLHIS' }),
    ).toHaveAttribute('href', `/weibao/incidents/${INCIDENT}`);
    expect(late).toHaveTextContent('Level 1 · 系统灾难故障');
    expect(late).toHaveTextContent('Dispatch');
    expect(late).toHaveTextContent('21 Nov 2026, 09:30');
    expect(late).toHaveTextContent('overdue by 30 min');
    expect(late.querySelector('[data-clock-state]')).toHaveAttribute(
      'data-clock-state',
      'breached',
    );
    expect(soon).toHaveTextContent('in 1 h 15 min');
    expect(soon.querySelector('[data-clock-state]')).toHaveAttribute(
      'data-clock-state',
      'at-risk',
    );
  });

  it('shows the duties, the next inspection and drill, the last drill and the upgrade with its missing gates', async () => {
    serveHealth(busy);
    await renderWeibao(<SystemHealthCard />, { entity: zlhis });
    expect(await screen.findByTestId('health-duty-figures')).toHaveTextContent(
      '1 overdue · 2 due soon',
    );
    const inspection = screen.getByTestId('health-next-inspection');
    expect(inspection).toHaveTextContent(
      'Next inspection: 1 Dec 2026, 18:00 · 现场巡检',
    );
    expect(within(inspection).getByRole('link')).toHaveAttribute(
      'href',
      '/weibao/obligations/7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0001',
    );
    const drill = screen.getByTestId('health-next-drill');
    expect(drill).toHaveTextContent(
      'Next drill: 20 Nov 2026, 18:00 · 服务器宕机应急演练 (Overdue)',
    );
    expect(within(drill).getByRole('link')).toHaveAttribute(
      'href',
      '/weibao/obligations/7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0009',
    );
    expect(screen.getByText('Drills overdue: 1')).toBeInTheDocument();
    expect(
      screen.getByText(
        /服务器宕机 on 20 Jun 2026: passed, recovered in 35 min \(target 60 min\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('ZLHIS 10.35 升级 → 10.35 (draft)'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('health-missing-gates')).toHaveTextContent(
      'Missing gates: rollback rehearsed, hospital approval',
    );
    // not a CA system
    expect(screen.queryByTestId('health-certificates')).not.toBeInTheDocument();
  });

  it('says plainly when no contract covers the system, and how to cover it', async () => {
    serveHealth(
      { ...quiet, systemRef: 'component:default/pacs-chongzuo' },
      'pacs-chongzuo',
    );
    await renderWeibao(<SystemHealthCard />, { entity: pacs });
    const uncovered = await screen.findByTestId('health-no-contract');
    expect(uncovered).toHaveTextContent(
      'No maintenance contract covers this system: its incidents run no contract clocks.',
    );
    expect(uncovered).toHaveTextContent('spec.covers');
    expect(screen.queryByTestId('health-covered-by')).not.toBeInTheDocument();
  });

  it('names levels by number when the summary carries no level names', async () => {
    serveHealth({ ...busy, levelNames: {} });
    await renderWeibao(<SystemHealthCard />, { entity: zlhis });
    const byLevel = await screen.findByTestId('health-by-level');
    expect(within(byLevel).getByText('Level 1: 1')).toBeInTheDocument();
    expect(within(byLevel).getByText('Level 2: 2')).toBeInTheDocument();
  });

  it('says when no inspection or drill is open', async () => {
    serveHealth(quiet);
    await renderWeibao(<SystemHealthCard />, { entity: zlhis });
    expect(
      await screen.findByTestId('health-next-inspection'),
    ).toHaveTextContent('Next inspection: none open');
    expect(screen.getByTestId('health-next-drill')).toHaveTextContent(
      'Next drill: none open',
    );
  });

  it('shows zero open incidents and says what is not there', async () => {
    serveHealth(quiet);
    await renderWeibao(<SystemHealthCard />, { entity: zlhis });
    expect(
      await screen.findByTestId('health-open-incidents'),
    ).toHaveTextContent(/^0$/);
    expect(screen.getByText('No open incidents.')).toBeInTheDocument();
    expect(
      screen.getByText('No contract clock is running.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No upgrade planned.')).toBeInTheDocument();
    expect(screen.getByText(/No drill recorded yet\./)).toBeInTheDocument();
    expect(screen.queryByTestId('health-no-contract')).not.toBeInTheDocument();
  });

  it('shows certificate expiries of a CA system', async () => {
    serveHealth(
      {
        ...quiet,
        systemRef: 'component:default/ca-chongzuo',
        certificates: {
          expiringSoon: 120,
          expired: 3,
          nextExpiry: '2026-12-05',
        },
      },
      'ca-chongzuo',
    );
    await renderWeibao(<SystemHealthCard />, { entity: ca });
    expect(
      await screen.findByTestId('health-certificate-figures'),
    ).toHaveTextContent('120 expiring within 60 days · 3 expired');
    expect(screen.getByText('Next expiry: 5 Dec 2026')).toBeInTheDocument();
  });

  it('says so when a CA system has no register yet', async () => {
    serveHealth(
      { ...quiet, systemRef: 'component:default/ca-chongzuo' },
      'ca-chongzuo',
    );
    await renderWeibao(<SystemHealthCard />, { entity: ca });
    expect(
      await screen.findByText('No certificate register imported yet.'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    server.use(
      http.get(
        `${WEIBAO_BASE_URL}/systems/default/zlhis-chongzuo/health`,
        async () => {
          await delay('infinite');
          return HttpResponse.json(quiet);
        },
      ),
    );
    await renderWeibao(<SystemHealthCard />, { entity: zlhis });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(
      screen.queryByTestId('health-open-incidents'),
    ).not.toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/systems/default/zlhis-chongzuo/health`, () =>
        errorResponse(403, 'NotAllowedError', 'weibao.incident.read denied'),
      ),
    );
    await renderWeibao(<SystemHealthCard />, { entity: zlhis });
    expect(
      (await screen.findAllByText(/weibao.incident.read denied/)).length,
    ).toBeGreaterThan(0);
  });
});
