import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DateTime } from 'luxon';
import type {
  ObligationStore,
  StoredOccurrence,
} from '../database/obligations/ObligationStore';
import type { ObligationService } from '../services/obligations/ObligationService';

const BATCH = 200;

/**
 * The obligations job (scheduled, global scope): regenerates occurrences from the contracts,
 * tells the owning team once when an occurrence comes within the lead time of its due time, and
 * once when it is overdue. `markNotified` sets the notice column only where it is still empty,
 * so replicas and reruns never notify twice.
 */
export class ObligationNotices {
  constructor(
    private readonly options: {
      store: ObligationStore;
      service: ObligationService;
      notifications: NotificationService;
      logger: LoggerService;
      timeZone?: string;
    },
  ) {}

  async run(
    now = this.options.service.now(),
  ): Promise<{ due: number; overdue: number }> {
    const sent = { due: 0, overdue: 0 };
    for (const kind of ['due', 'overdue'] as const) {
      for (;;) {
        const batch = await this.options.store.toNotify(
          kind,
          now,
          this.options.service.leadTimeMs,
          BATCH,
        );
        if (!batch.length) break;
        for (const occurrence of batch) {
          if (await this.options.store.markNotified(occurrence.id, kind, now)) {
            await this.notify(occurrence, kind);
            sent[kind]++;
          }
        }
        if (batch.length < BATCH) break;
      }
    }
    if (sent.due || sent.overdue) {
      this.options.logger.info(
        `Obligations: ${sent.due} coming due and ${sent.overdue} overdue notices sent`,
      );
    }
    return sent;
  }

  private async notify(occurrence: StoredOccurrence, kind: 'due' | 'overdue') {
    const zone = this.options.timeZone ?? 'Asia/Shanghai';
    const p = occurrence.plan;
    const due = DateTime.fromMillis(occurrence.dueAt, { zone }).toFormat(
      'yyyy-MM-dd HH:mm',
    );
    const what = [p.kind, p.followUpKind].filter(Boolean).join(' ');
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: occurrence.ownerRef },
      payload: {
        title:
          kind === 'due'
            ? `Due ${due}: ${what} (${p.description ?? p.obligationId})`
            : `Overdue since ${due}: ${what} (${
                p.description ?? p.obligationId
              })`,
        description: `${occurrence.contractRef}, ${p.windowStart} – ${p.windowEnd}`,
        link: `/weibao/obligations/${occurrence.id}`,
        severity: kind === 'due' ? 'normal' : 'high',
        topic: 'weibao-obligations',
        scope: `weibao:obligation:${occurrence.id}`,
      },
    });
  }
}
