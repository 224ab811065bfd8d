import { File as NodeFile } from 'node:buffer';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import type { Entity } from '@backstage/catalog-model';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
} from '../../__testUtils__';
import { ObligationsCard } from './ObligationsCard';
import {
  backupGroup,
  chongzuoContract,
  drill,
  fill,
  groupList,
  inspectionGroup,
  list,
  obligationsTesting,
  trainingGroup,
  user,
  zlhis,
} from './__testUtils__';

// dialogs with several fields take a few seconds in jsdom on a small machine
jest.setTimeout(30_000);

const server = setupWeibaoServer();
const { serveGroups, serveList, answerBulk, answerUpload } =
  obligationsTesting(server);

const FILE_ID = '5d1c0b4e-8f7a-4c3e-9b2d-0a1b2c3d4e5f';

/**
 * A small valid PDF, as a backup job's report would be: a Node File, whose bytes the test's
 * fetch sends as a browser sends a chosen file (jsdom's File reaches it only as text).
 */
const pdf = (): File =>
  new NodeFile(
    [
      '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    ],
    'backup-2026-12-07.pdf',
    { type: 'application/pdf' },
  ) as unknown as File;

/** The row of a group, by its duty's name. */
const groupRow = (name: string) =>
  screen
    .getAllByTestId('duty-group')
    .find(r =>
      within(r).queryByText(name, { selector: '[data-testid="duty-name"]' }),
    )!;

const bulkResult = (count: number) => HttpResponse.json({ count, items: [] });

describe('ObligationsCard', () => {
  it("asks once for a system's duties and shows them grouped, its own apart from the contract's, worst first", async () => {
    const groupQueries = serveGroups([groupList()]);
    const listQueries = serveList([list()]);
    await renderWeibao(<ObligationsCard />, { entity: zlhis });

    const own = await screen.findByTestId('duty-section-system');
    expect(own).toHaveTextContent('Duties of this system');
    const backup = within(own).getByTestId('duty-group');
    expect(within(backup).getByTestId('duty-name')).toHaveTextContent(
      'Backup · Daily',
    );
    expect(
      backup.querySelector('[data-duty-count="overdue"]'),
    ).toHaveTextContent('270 overdue');
    expect(backup.querySelector('[data-duty-count="due"]')).toHaveTextContent(
      '3 due soon',
    );
    // before tracking: a quiet count, never a chip, never overdue
    const before = backup.querySelector('[data-duty-count="before-tracking"]');
    expect(before).toHaveTextContent('41 before tracking');
    expect(before?.closest('.MuiChip-root')).toBeNull();

    const contract = screen.getByTestId('duty-section-contract');
    expect(contract).toHaveTextContent('Duties of the contract');
    const names = within(contract)
      .getAllByTestId('duty-name')
      .map(n => n.textContent);
    // the contract's duty due this week shows; the one with nothing due stays folded
    expect(names).toEqual(['Inspection · Quarterly']);
    expect(
      within(contract).getByTestId('duty-quiet-contract'),
    ).toHaveTextContent(
      '1 more duty of the contract, nothing due within the week',
    );
    await user.click(
      within(contract).getByRole('button', { name: 'Show them' }),
    );
    expect(
      within(contract)
        .getAllByTestId('duty-name')
        .map(n => n.textContent),
    ).toEqual(['Inspection · Quarterly', 'Training · Per contract period']);
    expect(
      within(groupRow('Training · Per contract period')).getByRole('button', {
        name: 'Complete…',
      }),
    ).toBeDisabled();

    // the system's own section comes before the contract's
    expect(
      own.compareDocumentPosition(contract) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(groupQueries).toHaveLength(1);
    expect(groupQueries[0].get('systemRef')).toBe(
      'component:default/zlhis-chongzuo',
    );
    expect(listQueries).toHaveLength(0);
  });

  it('completes a whole group with a PDF uploaded first, confirms how many, and refreshes the counts', async () => {
    const groupQueries = serveGroups([
      groupList(),
      groupList([
        trainingGroup,
        inspectionGroup,
        {
          ...backupGroup,
          counts: { upcoming: 1, done: 273, 'before-tracking': 41 },
        },
      ]),
    ]);
    const uploads = answerUpload(FILE_ID);
    const bodies = answerBulk('complete', () => bulkResult(273));
    await renderWeibao(<ObligationsCard />, { entity: zlhis });
    await screen.findByTestId('duty-section-system');

    await user.click(
      within(groupRow('Backup · Daily')).getByRole('button', {
        name: 'Complete…',
      }),
    );
    const dialog = screen.getByTestId('bulk-complete-dialog');
    expect(
      within(dialog).getByText('Complete: Backup · Daily'),
    ).toBeInTheDocument();
    expect(within(dialog).getByTestId('bulk-count')).toHaveTextContent(
      '273 occurrences will be recorded as done.',
    );

    // nothing is sent without saying what was done
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );
    expect(within(dialog).getByText('Say what was done')).toBeInTheDocument();
    expect(uploads).toHaveLength(0);
    expect(bodies).toHaveLength(0);

    await fill(
      within(dialog).getByLabelText(/What was done/),
      '备份作业日志核对:3 月以来每日备份均成功',
    );
    fireEvent.change(within(dialog).getByLabelText(/Done at/), {
      target: { value: '2026-12-07T09:30' },
    });
    await fill(
      within(dialog).getByLabelText(/People who did it/),
      '黄工\n李娜',
    );
    await user.upload(within(dialog).getByTestId('bulk-complete-file'), pdf());
    expect(within(dialog).getByTestId('bulk-file-name')).toHaveTextContent(
      'backup-2026-12-07.pdf',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );

    expect(
      await screen.findByTestId('duties-confirmation', {}, { timeout: 10_000 }),
    ).toHaveTextContent('273 occurrences of Backup · Daily recorded as done');
    expect(uploads).toEqual([
      {
        name: 'backup-2026-12-07.pdf',
        contentType: 'application/pdf',
        bytes: pdf().size,
      },
    ]);
    expect(bodies).toEqual([
      {
        group: {
          contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
          obligationId: 'backup.daily',
          systemRef: 'component:default/zlhis-chongzuo',
          followUp: null,
          states: ['overdue', 'due'],
        },
        note: '备份作业日志核对:3 月以来每日备份均成功',
        doneAt: '2026-12-07T09:30:00+08:00',
        people: ['黄工', '李娜'],
        files: [FILE_ID],
      },
    ]);
    await waitFor(() => expect(groupQueries).toHaveLength(2));
    await waitFor(() =>
      expect(
        groupRow('Backup · Daily').querySelector('[data-duty-count="overdue"]'),
      ).toBeNull(),
    );
    expect(
      groupRow('Backup · Daily').querySelector('[data-duty-count="done"]'),
    ).toHaveTextContent('273 done');
    // closed (after its exit transition)
    await waitFor(() =>
      expect(
        screen.queryByTestId('bulk-complete-dialog'),
      ).not.toBeInTheDocument(),
    );
  });

  it('waives one occurrence of a contract-wide duty, in the singular', async () => {
    serveGroups([groupList()]);
    const bodies = answerBulk('waive', () => bulkResult(1));
    await renderWeibao(<ObligationsCard />, { entity: zlhis });
    await screen.findByTestId('duty-section-contract');
    await user.click(
      within(groupRow('Inspection · Quarterly')).getByRole('button', {
        name: 'Waive…',
      }),
    );
    const dialog = screen.getByTestId('bulk-waive-dialog');
    expect(within(dialog).getByTestId('bulk-count')).toHaveTextContent(
      '1 occurrence will be waived.',
    );
    await fill(
      within(dialog).getByLabelText(/Why it is waived/),
      '医院改期至下季度',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Waive' }));
    expect(
      await screen.findByTestId('duties-confirmation', {}, { timeout: 10_000 }),
    ).toHaveTextContent('1 occurrence of Inspection · Quarterly waived');
    expect(bodies).toEqual([
      {
        group: {
          contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
          obligationId: 'inspection.quarterly',
          systemRef: null,
          followUp: null,
          states: ['overdue', 'due'],
        },
        reason: '医院改期至下季度',
      },
    ]);
  });

  it("names a group of a duty's follow-ups and waives those only", async () => {
    const reports = {
      ...inspectionGroup,
      followUp: 'report' as const,
      counts: { overdue: 2 },
    };
    serveGroups([groupList([inspectionGroup, reports])]);
    const bodies = answerBulk('waive', () => bulkResult(2));
    await renderWeibao(<ObligationsCard />, { entity: zlhis });
    await screen.findByTestId('duty-section-contract');
    await user.click(
      within(groupRow('Inspection · Written report · Quarterly')).getByRole(
        'button',
        { name: 'Waive…' },
      ),
    );
    const dialog = screen.getByTestId('bulk-waive-dialog');
    await fill(
      within(dialog).getByLabelText(/Why it is waived/),
      '报告并入年度总结',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Waive' }));
    expect(
      await screen.findByTestId('duties-confirmation', {}, { timeout: 10_000 }),
    ).toHaveTextContent(
      '2 occurrences of Inspection · Written report · Quarterly waived',
    );
    expect(bodies[0].group).toEqual({
      contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
      obligationId: 'inspection.quarterly',
      systemRef: null,
      followUp: 'report',
      states: ['overdue', 'due'],
    });
  });

  it('completes the selected groups together, in one all-or-nothing request', async () => {
    serveGroups([groupList()]);
    const bodies = answerBulk('complete', () => bulkResult(274));
    await renderWeibao(<ObligationsCard />, { entity: zlhis });
    await screen.findByTestId('duty-section-system');
    await user.click(
      screen.getByRole('checkbox', { name: 'Select Backup · Daily' }),
    );
    await user.click(
      screen.getByRole('checkbox', { name: 'Select Inspection · Quarterly' }),
    );
    expect(screen.getByTestId('duty-selection')).toHaveTextContent(
      '2 duties selected',
    );
    await user.click(
      screen.getByRole('button', { name: 'Complete selected…' }),
    );
    const dialog = screen.getByTestId('bulk-complete-dialog');
    expect(within(dialog).getByText('Complete: 2 duties')).toBeInTheDocument();
    expect(within(dialog).getByTestId('bulk-count')).toHaveTextContent(
      '274 occurrences will be recorded as done.',
    );
    await fill(
      within(dialog).getByLabelText(/What was done/),
      '季度巡检与备份核对',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );
    expect(
      await screen.findByTestId('duties-confirmation', {}, { timeout: 10_000 }),
    ).toHaveTextContent('274 occurrences of 2 duties recorded as done');
    expect(bodies).toHaveLength(1);
    expect(bodies[0].group).toBeUndefined();
    expect(
      bodies[0].groups
        .map((g: { obligationId: string }) => g.obligationId)
        .sort(),
    ).toEqual(['backup.daily', 'inspection.quarterly']);
    expect(bodies[0].files).toBeUndefined();
  });

  it('refuses a file that is not a PDF, PNG or JPEG before uploading anything', async () => {
    serveGroups([groupList()]);
    const uploads = answerUpload(FILE_ID);
    const bodies = answerBulk('complete', () => bulkResult(273));
    await renderWeibao(<ObligationsCard />, { entity: zlhis });
    await screen.findByTestId('duty-section-system');
    await user.click(
      within(groupRow('Backup · Daily')).getByRole('button', {
        name: 'Complete…',
      }),
    );
    const dialog = screen.getByTestId('bulk-complete-dialog');
    await fill(within(dialog).getByLabelText(/What was done/), '备份核对');
    const input = within(dialog).getByTestId('bulk-complete-file');
    fireEvent.change(input, {
      target: {
        files: [new File(['备份日志'], 'backup.txt', { type: 'text/plain' })],
      },
    });
    expect(
      within(dialog).getByText('backup.txt is not a PDF, PNG or JPEG file'),
    ).toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );
    expect(
      within(dialog).getByText('backup.txt is not a PDF, PNG or JPEG file'),
    ).toBeInTheDocument();
    expect(uploads).toHaveLength(0);
    expect(bodies).toHaveLength(0);
  });

  it("shows the backend's refusal in the dialog and keeps it open", async () => {
    serveGroups([groupList()]);
    answerBulk('complete', () =>
      errorResponse(
        409,
        'ConflictError',
        'occurrence 7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0004 changed meanwhile; nothing was recorded',
      ),
    );
    await renderWeibao(<ObligationsCard />, { entity: zlhis });
    await screen.findByTestId('duty-section-system');
    await user.click(
      within(groupRow('Backup · Daily')).getByRole('button', {
        name: 'Complete…',
      }),
    );
    const dialog = screen.getByTestId('bulk-complete-dialog');
    await fill(within(dialog).getByLabelText(/What was done/), '备份核对');
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );
    expect(
      await within(dialog).findByRole('alert', {}, { timeout: 10_000 }),
    ).toHaveTextContent('changed meanwhile; nothing was recorded');
    expect(screen.queryByTestId('duties-confirmation')).not.toBeInTheDocument();
  });

  it("opens a group on its occurrences, asking for that duty's only", async () => {
    serveGroups([groupList()]);
    const listQueries = serveList([list([drill])]);
    await renderWeibao(<ObligationsCard />, { entity: zlhis });
    await screen.findByTestId('duty-section-contract');
    await user.click(
      within(groupRow('Inspection · Quarterly')).getByRole('button', {
        name: 'Occurrences',
      }),
    );
    expect(
      await within(groupRow('Inspection · Quarterly')).findByTestId(
        'obligations-group-overdue',
      ),
    ).toBeInTheDocument();
    expect(listQueries).toHaveLength(1);
    expect(listQueries[0].get('contractRef')).toBe(
      'maintenancecontract:default/chongzuo-mch-2026',
    );
    expect(listQueries[0].get('obligationId')).toBe('inspection.quarterly');
    expect(listQueries[0].get('scope')).toBe('contract');
    expect(listQueries[0].get('systemRef')).toBeNull();
  });

  it("on a contract's page, shows its own duties first and names each system", async () => {
    const queries = serveGroups([groupList()]);
    await renderWeibao(<ObligationsCard />, { entity: chongzuoContract });
    const sections = await screen.findAllByTestId(/^duty-section-/);
    expect(sections.map(s => s.getAttribute('data-testid'))).toEqual([
      'duty-section-contract',
      'duty-section-system',
    ]);
    expect(sections[1]).toHaveTextContent('Duties of its systems');
    expect(
      within(sections[1]).getByRole('link', { name: /zlhis-chongzuo/ }),
    ).toBeInTheDocument();
    expect(queries[0].get('contractRef')).toBe(
      'maintenancecontract:default/chongzuo-mch-2026',
    );
  });

  it('says duties are for systems and contracts elsewhere, without asking', async () => {
    const queries = serveGroups([groupList()]);
    const team: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'his-aftersales-guangxi' },
      spec: {},
    };
    await renderWeibao(<ObligationsCard />, { entity: team });
    expect(
      screen.getByText(
        'Duties are shown for a hospital system or a maintenance contract.',
      ),
    ).toBeInTheDocument();
    expect(queries).toHaveLength(0);
  });
});
