// Handling requests to use a terms-of-service cloud service (約款による外部サービス) go through the
// vendors module's register: the request names a registered service, and the person responsible for
// that service — named by the 情報セキュリティ責任者 (001 L11052-11080, 図11) — decides instead of the
// policy's stand-in permission step. 要機密情報 stays refused (the policy's rule, and the service's
// ceiling, never above 機密性1: 001 L11001).
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import {
  linkCloudRequest,
  type RegisteredCloudService,
  registeredCloudService,
  serviceAccepts,
} from '../vendors/public.js';
import type { HandlingAction, HandlingAnswer } from './policy-model.js';

/** The step's role key: not a role of the catalog; the step names its approver. */
export const CLOUD_RESPONSIBLE_ROLE = 'cloud_service_responsible';

const fieldError = (ja: string, en: string) =>
  new AppError('validation_failed', { errors: [{ path: 'body.cloudServiceId', message: { ja, en } }] });

interface CloudInput {
  action: HandlingAction;
  cloudServiceId?: string;
}

/** Creating a cloud-service request: the service must be named. */
export function requireCloudService(input: CloudInput) {
  if (input.action === 'cloud_service' && !input.cloudServiceId)
    throw fieldError(
      '利用する約款による外部サービスを台帳から選んでください。',
      'Name a registered cloud service.',
    );
}

/** The registered service the request names; null for other actions (or a preview without one). */
export async function cloudServiceOf(
  ctx: ActorCtx,
  input: CloudInput,
): Promise<RegisteredCloudService | null> {
  if (input.action !== 'cloud_service' || !input.cloudServiceId) return null;
  const s = await registeredCloudService(ctx.db, ctx.actor.tenantId, input.cloudServiceId);
  if (!s?.active)
    throw fieldError(
      '台帳に登録された利用可能なサービスではありません。',
      'Not an allowed service of the register.',
    );
  if (!s.responsible || s.responsible.left)
    throw new AppError('no_approver', {
      detail: {
        ja: `「${s.name}」の責任者が指名されていません。`,
        en: `No responsible person is named for ${s.name}.`,
      },
      extra: { roleKey: CLOUD_RESPONSIBLE_ROLE, roleName: `${s.name}の責任者` },
    });
  return s;
}

/** The policy's answer, refused when the level is above what the service allows. */
export function cloudAnswer(
  service: RegisteredCloudService | null,
  level: number,
  answer: HandlingAnswer,
): HandlingAnswer {
  if (!service || !answer.allowed || serviceAccepts(service, level)) return answer;
  return {
    allowed: false,
    requirements: [],
    rule: `「${service.name}」で取り扱える情報は機密性${service.maxConfidentiality}までです（要機密情報の取扱いの禁止、遵守事項4.1.2(1)(a)、001 L11001）`,
  };
}

/** With a registered service, its responsible person replaces the policy's permission steps. */
export function policyRequirements<Q extends { kind: string }>(
  service: RegisteredCloudService | null,
  requirements: Q[],
): Q[] {
  return service ? requirements.filter((q) => q.kind !== 'permission') : requirements;
}

export function cloudApproverStep(service: RegisteredCloudService) {
  return {
    kind: 'permission' as const,
    roleKey: CLOUD_RESPONSIBLE_ROLE,
    roleName: `約款による外部サービスの責任者（${service.name}）`,
    unitId: service.unitId,
    unitName: service.unitName,
    holders: 1,
    assigneePersonId: service.responsible!.personId,
  };
}

/** Remember the service a request names, in the request's transaction. */
export async function linkCloudService(tx: Db, requestId: string, service: RegisteredCloudService | null) {
  if (service) await linkCloudRequest(tx, requestId, service.id);
}
