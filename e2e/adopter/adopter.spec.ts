import { APIRequestContext, expect, Page, test } from '@playwright/test';

// Runs against the production backend of a stock app with Weibao installed from its tarballs
// (scripts/adopter-test.sh). The example data (examples/*.yaml) is loaded by catalog locations.

const poll = { timeout: 240_000, intervals: [2000] };

async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/auth/guest/refresh');
  expect(res.ok(), `guest sign-in: ${res.status()} ${await res.text()}`).toBe(
    true,
  );
  return (await res.json()).backstageIdentity.token;
}

async function entity(
  request: APIRequestContext,
  token: string,
  ref: string,
): Promise<any | undefined> {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  const res = await request.get(
    `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  return res.ok() ? res.json() : undefined;
}

/** Waits until the catalog has the contract related to ZLHIS: the processor's relations. */
async function waitForExamples(request: APIRequestContext, token: string) {
  await expect
    .poll(async () => {
      const zlhis = await entity(
        request,
        token,
        'component:default/zlhis-chongzuo',
      );
      return (zlhis?.relations ?? [])
        .filter((r: any) => r.type === 'coveredBy')
        .map((r: any) => r.targetRef);
    }, poll)
    .toContain('maintenancecontract:default/chongzuo-mch-2026');
}

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // the stock sidebar, with Weibao's page in it (the plugin was discovered)
  await expect(page.getByRole('link', { name: 'Weibao 维保' })).toBeVisible();
}

test.describe.configure({ mode: 'serial' });

test('over HTTP: the health summary answers, an incident is reported with its clocks', async ({
  request,
}) => {
  const token = await guestToken(request);
  const auth = { Authorization: `Bearer ${token}` };
  await waitForExamples(request, token);

  const health = await request.get(
    '/api/weibao/systems/default/zlhis-chongzuo/health',
    { headers: auth },
  );
  expect(health.status(), await health.text()).toBe(200);
  const summary = await health.json();
  expect(summary.systemRef).toBe('component:default/zlhis-chongzuo');
  expect(typeof summary.openIncidents).toBe('number');

  // the README's report (plugins/weibao-backend/README.md, Try it): a level-2 fault on ZLHIS,
  // now, so its clocks come from the covering contract (level 2: respond in 30 min, dispatch
  // in 6 h, on 24x7)
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const report = await request.post('/api/weibao/incidents', {
    headers: auth,
    data: {
      systemRef: 'zlhis-chongzuo',
      title: '门诊收费结算报错 (adopter test)',
      symptoms: '医保接口返回超时',
      module: '门诊收费',
      reporter: { name: '信息科 李主任', contact: '0771-7820000' },
      channel: 'hotline',
      type: 'request',
      urgency: 'urgent',
      level: 2,
      occurredAt: now,
      reportedAt: now,
    },
  });
  expect(report.status(), await report.text()).toBe(201);
  const incident = await report.json();
  expect(incident.contractRef).toBe(
    'maintenancecontract:default/chongzuo-mch-2026',
  );
  expect(incident.clocks.length).toBeGreaterThan(0);

  const again = await request.get(`/api/weibao/incidents/${incident.id}`, {
    headers: auth,
  });
  expect(again.status(), await again.text()).toBe(200);
  const read = await again.json();
  const milestones = read.clocks.map((c: any) => c.milestone);
  expect(milestones.sort()).toEqual(['dispatch', 'response']);
  for (const clock of read.clocks) {
    expect(clock.dueAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(clock.status).toBe('running');
  }

  // and the summary counts it
  const after = await (
    await request.get('/api/weibao/systems/default/zlhis-chongzuo/health', {
      headers: auth,
    })
  ).json();
  expect(after.openIncidents).toBe(summary.openIncidents + 1);
});

test('in Chromium: the ZLHIS page shows Weibao’s cards, the contract graph its edges', async ({
  page,
  request,
}) => {
  await waitForExamples(request, await guestToken(request));
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/zlhis-chongzuo');
  await expect(
    page.getByText('Contract health', { exact: true }),
  ).toBeVisible();
  await expect(page.getByTestId('health-open-incidents')).toBeVisible();
  await expect(
    page.getByText('Maintenance contract', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByText('Hospital system', { exact: true }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('zlhis-entity-page.png'),
    fullPage: true,
  });
  await page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Contract health' })
    .first()
    .screenshot({ path: test.info().outputPath('zlhis-health-card.png') });

  await page.goto('/catalog/default/maintenancecontract/chongzuo-mch-2026');
  const graph = page.locator('svg').filter({ hasText: 'covers' }).first();
  await expect(graph.getByText('covers', { exact: true })).toHaveCount(8);
  await expect(graph.getByText('contractWith', { exact: true })).toBeVisible();
  await expect(graph.getByText('providedBy', { exact: true })).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('contract-entity-page.png'),
    fullPage: true,
  });
  await graph.screenshot({
    path: test.info().outputPath('contract-graph.png'),
  });
});
