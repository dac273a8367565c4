/** The classification module's audit actions and the kind of target each names (see audit/events.ts). */
export const CLASSIFICATION_AUDIT_ACTIONS = {} as const;
