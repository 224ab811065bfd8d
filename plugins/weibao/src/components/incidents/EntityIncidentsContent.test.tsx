import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { Entity } from '@backstage/catalog-model';
import {
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { EntityIncidentsContent } from './EntityIncidentsContent';
import { incident, list, standing, ZLHIS } from './__testUtils__';

const server = setupWeibaoServer();
jest.setTimeout(20_000);

const zlhis: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'zlhis-chongzuo',
    namespace: 'default',
    title: 'ZLHIS 医院信息系统',
  },
  spec: {
    type: 'his',
    lifecycle: 'production',
    owner: 'his-aftersales-guangxi',
    system: 'chongzuo-mch',
  },
};

describe('EntityIncidentsContent', () => {
  it("lists the system's incidents, reports one on it, and shows it in the table after", async () => {
    const reported = incident({ title: '收费室结算缓慢' });
    let stored = [
      incident({
        id: '00000000-0000-4000-8000-000000000009',
        title: '叫号屏不显示',
        status: 'closed',
        clocks: [],
      }),
    ];
    const listed: URLSearchParams[] = [];
    const bodies: Array<Record<string, unknown>> = [];
    server.use(
      http.get(`${WEIBAO_BASE_URL}/incidents`, ({ request }) => {
        listed.push(new URL(request.url).searchParams);
        return HttpResponse.json(list(stored));
      }),
      http.get(`${WEIBAO_BASE_URL}/contract-standing`, () =>
        HttpResponse.json(standing()),
      ),
      http.post(`${WEIBAO_BASE_URL}/incidents`, async ({ request }) => {
        bodies.push((await request.json()) as Record<string, unknown>);
        stored = [reported, ...stored];
        return HttpResponse.json(reported, { status: 201 });
      }),
    );
    await renderWeibao(<EntityIncidentsContent />, { entity: zlhis });

    expect(
      await screen.findByRole('link', { name: '叫号屏不显示' }),
    ).toBeInTheDocument();
    expect(listed[0].get('systemRef')).toBe(ZLHIS);

    await userEvent.click(
      screen.getByRole('button', { name: 'Report incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    const set = (label: string, value: string) =>
      fireEvent.change(within(dialog).getByLabelText(label), {
        target: { value },
      });
    set('Title', '收费室结算缓慢');
    set('Symptoms', '结算一笔需要两分钟');
    set('Reporter name', '黄工(信息科)');
    set('Reporter contact', '0771-7820000');
    await userEvent.click(within(dialog).getByLabelText('Level'));
    await userEvent.click(await screen.findByRole('option', { name: /^2\b/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bodies[0]).toMatchObject({
      systemRef: ZLHIS,
      level: 2,
      title: '收费室结算缓慢',
    });
    const link = await screen.findByRole('link', { name: '收费室结算缓慢' });
    expect(link).toHaveAttribute('href', `/weibao/incidents/${reported.id}`);
    expect(listed.length).toBe(2);
  });

  it('closes the form on Cancel without reporting', async () => {
    const posted = jest.fn();
    server.use(
      http.get(`${WEIBAO_BASE_URL}/incidents`, () =>
        HttpResponse.json(list([])),
      ),
      http.get(`${WEIBAO_BASE_URL}/contract-standing`, () =>
        HttpResponse.json(standing()),
      ),
      http.post(`${WEIBAO_BASE_URL}/incidents`, () => {
        posted();
        return HttpResponse.json(incident());
      }),
    );
    await renderWeibao(<EntityIncidentsContent />, { entity: zlhis });
    await screen.findByText('No incidents match these filters.');
    await userEvent.click(
      screen.getByRole('button', { name: 'Report incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(posted).not.toHaveBeenCalled();
  });
});
