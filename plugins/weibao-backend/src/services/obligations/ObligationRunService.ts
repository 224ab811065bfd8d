import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  CalendarOptions,
  contractCalendar,
  ObligationOccurrence,
  OccurrenceEvidence,
} from '@weibao/plugin-weibao-common';
import { DateTime } from 'luxon';
import type { EvidenceFileStore } from '../../database/evidence/EvidenceFileStore';
import type {
  ObligationStore,
  StoredOccurrence,
} from '../../database/obligations/ObligationStore';
import type {
  ObligationRun,
  ObligationRunStore,
} from '../../database/runs/ObligationRunStore';
import { parseInstant, refOf } from '../../request';
import type { ObligationService } from './ObligationService';

/** A run a machine reports: which duty, which run, when it finished. */
export type RunReport = {
  systemRef?: string;
  contractRef?: string;
  kind: string;
  frequency?: string;
  runId: string;
  doneAt: string;
  note?: string;
  links?: OccurrenceEvidence['links'];
  files?: string[];
};

/** What recording a run answers: the run and the occurrence it completed. */
export type RecordedRun = {
  /** False when the run had been recorded before: nothing changed. */
  created: boolean;
  run: {
    source: string;
    runId: string;
    occurrenceId: string;
    doneAt: string;
    recordedAt: string;
  };
  occurrence: ObligationOccurrence;
};

const DAY_MS = 24 * 60 * 60_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Duties recorded by machines (维保 evidence from a backup job, a vulnerability scanner, a
 * monitoring system): a run completes the open occurrence of its duty whose window holds the
 * local date it finished on, with the same rules as a person's completion; the same run reported
 * again (same source, same run id) is the same completion.
 */
export class ObligationRunService {
  constructor(
    private readonly options: {
      runs: ObligationRunStore;
      store: ObligationStore;
      service: ObligationService;
      files: EvidenceFileStore;
      calendarOptions: CalendarOptions;
      now: () => number;
    },
  ) {}

  /** Records a run reported by `source` (the actor of the completion). */
  async record(report: RunReport, source: string): Promise<RecordedRun> {
    const { runs, service, files, now } = this.options;
    const before = await runs.get(source, report.runId);
    if (before) return this.answer(before, false);

    if (Boolean(report.systemRef) === Boolean(report.contractRef)) {
      throw new InputError(
        'systemRef: name the hospital system the duty is of, or contractRef for a duty of the contract as a whole (one of the two)',
      );
    }
    const systemRef =
      report.systemRef && refOf('systemRef', report.systemRef, 'component');
    const contractRef =
      report.contractRef &&
      refOf('contractRef', report.contractRef, 'maintenancecontract');
    const doneAt = parseInstant('doneAt', report.doneAt, now());
    const fileIds = report.files ?? [];
    const summaries = await files.summaries(fileIds, source);
    const stored = await this.occurrenceOf(report, doneAt, {
      systemRef,
      contractRef,
    });
    const work = await service.prepareCompletion(
      stored,
      {
        doneAt: new Date(doneAt).toISOString(),
        ...(report.note ? { note: report.note } : {}),
        ...(report.links ? { links: report.links } : {}),
        files: summaries,
      },
      source,
    );
    const recordedAt = now();
    const run: ObligationRun = {
      source,
      runId: report.runId,
      occurrenceId: stored.id,
      doneAt,
      recordedAt,
    };
    const completed = await runs.record(run, async tx => {
      const occurrence = await work(stored.version)(tx);
      await files.attachEvidenceFiles(
        tx,
        fileIds,
        [occurrence.id],
        source,
        recordedAt,
      );
      return occurrence;
    });
    if (!completed) {
      // the same run was recorded meanwhile, by a report that arrived at the same time
      const recorded = await runs.get(source, report.runId);
      if (!recorded) throw new Error(`run ${report.runId} vanished`);
      return this.answer(recorded, false);
    }
    return this.answer(run, true, completed);
  }

  private async answer(
    run: ObligationRun,
    created: boolean,
    occurrence?: StoredOccurrence,
  ): Promise<RecordedRun> {
    const stored =
      occurrence ?? (await this.options.service.occurrence(run.occurrenceId));
    return {
      created,
      run: {
        source: run.source,
        runId: run.runId,
        occurrenceId: run.occurrenceId,
        doneAt: new Date(run.doneAt).toISOString(),
        recordedAt: new Date(run.recordedAt).toISOString(),
      },
      occurrence: this.options.service.view(stored),
    };
  }

  /** The local date of an instant in a contract's calendar (Asia/Shanghai by default). */
  private async localDate(contractRef: string, at: number): Promise<string> {
    const contract = await this.options.store.contract(contractRef);
    const zone = contractCalendar(
      '5x8',
      contract?.terms,
      this.options.calendarOptions,
    ).timeZone;
    return DateTime.fromMillis(at, { zone }).toISODate()!;
  }

  /**
   * The one open occurrence of the duty whose window holds the run's local date: a 404 when the
   * duty has none, a 409 when it is already done or waived, or when several duties match (named).
   */
  private async occurrenceOf(
    report: RunReport,
    doneAt: number,
    where: { systemRef?: string; contractRef?: string },
  ): Promise<StoredOccurrence> {
    const found = await this.options.runs.candidates({
      kind: report.kind,
      frequency: report.frequency,
      ...where,
      // every time zone's date of the instant lies within a day of its UTC date
      from: isoDate(doneAt - DAY_MS),
      to: isoDate(doneAt + DAY_MS),
    });
    const dates = new Map<string, string>();
    const matching: StoredOccurrence[] = [];
    for (const o of found) {
      if (!dates.has(o.contractRef)) {
        dates.set(o.contractRef, await this.localDate(o.contractRef, doneAt));
      }
      const date = dates.get(o.contractRef)!;
      if (o.plan.windowStart <= date && date <= o.plan.windowEnd) {
        matching.push(o);
      }
    }
    const duty = `${report.kind}${
      report.frequency ? ` (${report.frequency})` : ''
    } duty of ${where.systemRef ?? where.contractRef}`;
    let open = matching.filter(o => o.doneAt === null && o.waivedAt === null);
    if (open.length > 1 && where.systemRef) {
      // a duty of the system itself before the contract-wide one that concerns it too
      const own = open.filter(o => o.plan.systems.includes(where.systemRef!));
      if (own.length) open = own;
    }
    if (open.length === 1) return open[0];
    const on = [...new Set(dates.values())].join(', ');
    if (open.length > 1) {
      throw new ConflictError(
        `kind: ${open.length} open duties match the ${duty} on ${on}: ${open
          .map(o => `${o.plan.obligationId} (${o.plan.key}, ${o.id})`)
          .join(
            '; ',
          )}; name the frequency, or the system the duty is of, to tell them apart`,
      );
    }
    if (matching.length) {
      const closed = matching
        .map(o =>
          o.doneAt !== null
            ? `${o.plan.key} was done at ${new Date(
                o.doneAt,
              ).toISOString()} by ${o.record.done?.by}`
            : `${o.plan.key} was waived by ${o.record.waived?.by}`,
        )
        .join('; ');
      throw new ConflictError(
        `doneAt: the ${duty} on ${on} is closed already: ${closed}`,
      );
    }
    throw new NotFoundError(
      `no ${duty} whose window holds ${
        on || isoDate(doneAt)
      } (is the kind, frequency or system right, and is the contract in force then?)`,
    );
  }
}
