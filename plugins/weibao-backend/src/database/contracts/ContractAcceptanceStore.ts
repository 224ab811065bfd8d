import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';

const TABLE = 'weibao_contract_acceptances';

/** A contract's final acceptance as recorded through the API. */
export type ContractAcceptance = {
  contractRef: string;
  /** The day of the acceptance, YYYY-MM-DD: the period starts then. */
  acceptedOn: string;
  note?: string;
  recordedBy: string;
  recordedAt: number;
};

/** Recorded acceptances: append-only, one per contract. */
export interface ContractAcceptanceStore {
  /** Records an acceptance; a contract already accepted is a ConflictError. */
  record(acceptance: ContractAcceptance): Promise<void>;
  /** The recorded acceptance days of the contracts, by ref. */
  acceptedOn(contractRefs: string[]): Promise<Map<string, string>>;
  get(contractRef: string): Promise<ContractAcceptance | undefined>;
}

export class DatabaseContractAcceptanceStore
  implements ContractAcceptanceStore
{
  constructor(private readonly db: Knex) {}

  async record(a: ContractAcceptance): Promise<void> {
    const inserted = await this.db(TABLE)
      .insert({
        contract_ref: a.contractRef,
        accepted_on: a.acceptedOn,
        note: a.note ?? null,
        recorded_by: a.recordedBy,
        recorded_at: new Date(a.recordedAt),
      })
      .onConflict('contract_ref')
      .ignore()
      .returning('contract_ref');
    if (inserted.length !== 1) {
      const existing = await this.get(a.contractRef);
      throw new ConflictError(
        `contractRef: the final acceptance of ${a.contractRef} is already recorded (${existing?.acceptedOn}, by ${existing?.recordedBy}); the record is append-only`,
      );
    }
  }

  async acceptedOn(contractRefs: string[]): Promise<Map<string, string>> {
    if (!contractRefs.length) return new Map();
    const rows = await this.db(TABLE)
      .whereIn('contract_ref', contractRefs)
      .select('contract_ref', 'accepted_on');
    return new Map(rows.map(r => [r.contract_ref, r.accepted_on]));
  }

  async get(contractRef: string): Promise<ContractAcceptance | undefined> {
    const r = await this.db(TABLE).where({ contract_ref: contractRef }).first();
    if (!r) return undefined;
    return {
      contractRef: r.contract_ref,
      acceptedOn: r.accepted_on,
      ...(r.note ? { note: r.note } : {}),
      recordedBy: r.recorded_by,
      recordedAt: new Date(r.recorded_at).getTime(),
    };
  }
}
