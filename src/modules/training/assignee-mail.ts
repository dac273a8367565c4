import type { Ctx } from '../../server/context.js';
import type { JobHandle } from '../../server/jobs/queue.js';
import { type BatchResult, type BatchSpec, sendBatch } from '../../server/mail-batch.js';

/** A row of assignments to mail: the assignment, its person and unit. */
export interface AssigneeRow {
  id: string;
  person_id: string;
  unit_id: string;
  name: string;
  email: string | null;
  due_on: string | null;
}

/** Mails the people of a batch of assignments through the batch-mail helper (one claim per assignment). */
export function mailAssignees<R extends AssigneeRow>(
  ctx: Pick<Ctx, 'db' | 'env'>,
  spec: BatchSpec,
  rows: R[],
  compose: (row: R) => { subject: string; text: string },
  job: JobHandle | null,
): Promise<BatchResult> {
  return sendBatch(
    ctx,
    spec,
    rows.map((r) => ({
      key: r.id,
      personId: r.person_id,
      name: r.name,
      unitId: r.unit_id,
      email: r.email,
      ...compose(r),
    })),
    job,
  );
}
