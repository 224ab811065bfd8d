import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { errorResponse, setupWeibaoServer } from '../../__testUtils__';
import {
  certificatesTesting,
  register,
  REGISTER_URL,
  type,
} from './__testUtils__';

// dialogs are slow to render and fill in jsdom
jest.setTimeout(20_000);

const server = setupWeibaoServer();
const { registerIs, render } = certificatesTesting(server);

describe('Import CSV', () => {
  const header =
    'item,medium,holderDepartment,count,serials,issuedOn,expiresOn,note';

  async function openImport() {
    await userEvent.click(
      await screen.findByRole('button', { name: 'Import CSV' }),
    );
    return screen.findByTestId('import-certificates-dialog');
  }

  it('names the optional usbKeys column and gives an example on USB keys', async () => {
    registerIs(register);
    await render();
    const dialog = await openImport();
    expect(
      within(dialog).getByTestId('certificate-csv-header'),
    ).toHaveTextContent(`${header},usbKeys`);
    expect(
      within(dialog).getByTestId('certificate-csv-optional'),
    ).toHaveTextContent(
      'usbKeys may be left out: on a row on the usb-key medium it says how many USB keys the batch is on',
    );
    expect(
      within(dialog).getByText(
        'personal-certificate,usb-key,Outpatient department,21,A0001-A0021,2026-01-01,2027-12-31,,21',
      ),
    ).toBeInTheDocument();
  });

  it('imports a chosen file and lists each rejected row with its line, field and reason', async () => {
    const loads = registerIs(register);
    let sent: unknown;
    server.use(
      http.post(`${REGISTER_URL}/import`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({
          imported: 2,
          errors: [
            {
              line: 3,
              field: 'medium',
              reason:
                'unknown medium "u盘"; expected one of usb-key, smart-card, crypto-card',
            },
            {
              line: 5,
              field: 'serials',
              reason: 'the range A0001-A0010 holds 10 serials but count is 12',
            },
          ],
        });
      }),
    );
    await render();
    const dialog = await openImport();
    expect(
      within(dialog).getByTestId('certificate-csv-header'),
    ).toHaveTextContent(header);
    const csv = [
      header,
      'personal-certificate,usb-key,门诊部,20,A0001-A0020,2026-01-01,2027-12-31,',
      'personal-certificate,u盘,药房,6,P-01;P-02;P-03;P-04;P-05;P-06,2026-01-01,2027-12-31,',
      'electronic-seal,crypto-card,医务科,8,S01-S08,2026-01-01,2027-12-31,',
      'personal-certificate,usb-key,住院部,12,A0001-A0010,2026-01-01,2027-12-31,',
    ].join('\n');
    await userEvent.upload(
      within(dialog).getByLabelText('CSV file'),
      new File([csv], 'certificates.csv', { type: 'text/csv' }),
    );
    await waitFor(() =>
      expect(
        within(dialog).getByLabelText('Or paste the CSV here'),
      ).toHaveValue(csv),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Import' }),
    );
    const result = await within(dialog).findByTestId('import-result');
    expect(sent).toEqual({ csv });
    expect(result).toHaveTextContent('2 rows imported.');
    expect(result).toHaveTextContent('2 rows rejected:');
    const rows = within(within(result).getByTestId('import-errors'))
      .getAllByRole('row')
      .slice(1)
      .map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      );
    expect(rows).toEqual([
      [
        '3',
        'medium',
        'unknown medium "u盘"; expected one of usb-key, smart-card, crypto-card',
      ],
      [
        '5',
        'serials',
        'the range A0001-A0010 holds 10 serials but count is 12',
      ],
    ]);
    // the register is reloaded with the new batches
    await waitFor(() => expect(loads.count).toBe(2));
    expect(
      within(dialog).getByRole('button', { name: 'Import' }),
    ).toBeDisabled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('import-certificates-dialog')).toBeNull(),
    );
  });

  it('says when the same file was imported before and nothing was imported again', async () => {
    const loads = registerIs(register);
    server.use(
      http.post(`${REGISTER_URL}/import`, () =>
        HttpResponse.json({
          imported: 0,
          errors: [],
          alreadyImported: {
            importId: 'f3b1',
            importedAt: '2026-09-17T08:30:00.000Z',
            importedBy: 'user:default/li.na',
            batches: 2,
          },
        }),
      ),
    );
    await render();
    const dialog = await openImport();
    type(
      within(dialog).getByLabelText('Or paste the CSV here'),
      `${header}\nelectronic-seal,usb-key,医务科,2,S1;S2,2026-03-02,2027-03-01,`,
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Import' }),
    );
    const result = await within(dialog).findByTestId('import-result');
    expect(result).toHaveTextContent(
      /^Already imported: the same 2 batches were imported .*2026.* by user:default\/li\.na\. Nothing was imported again\.$/,
    );
    expect(loads.count).toBe(1);
  });

  it("shows a refused file's message and that nothing was written", async () => {
    const loads = registerIs(register);
    server.use(
      http.post(`${REGISTER_URL}/import`, () =>
        errorResponse(
          400,
          'InputError',
          `header: line 1: unknown column "type"; the first line must name the columns ${header}`,
        ),
      ),
    );
    await render();
    const dialog = await openImport();
    type(
      within(dialog).getByLabelText('Or paste the CSV here'),
      'type,medium\npersonal-certificate,usb-key',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Import' }),
    );
    const failure = await within(dialog).findByTestId('import-failure');
    expect(failure).toHaveTextContent('header: line 1: unknown column "type"');
    expect(failure).toHaveTextContent('Nothing was written.');
    expect(within(dialog).queryByTestId('import-result')).toBeNull();
    expect(loads.count).toBe(1);
  });

  it('asks for a file or text before importing', async () => {
    registerIs(register);
    let called = false;
    server.use(
      http.post(`${REGISTER_URL}/import`, () => {
        called = true;
        return HttpResponse.json({ imported: 0, errors: [] });
      }),
    );
    await render();
    const dialog = await openImport();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Import' }),
    );
    expect(
      within(dialog).getByLabelText('Or paste the CSV here'),
    ).toHaveAccessibleDescription('Choose a file or paste the CSV');
    expect(called).toBe(false);
  });
});
