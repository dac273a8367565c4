/** The drills module's audit actions and the kind of target each names (see audit/events.ts). */
export const DRILL_AUDIT_ACTIONS = {} as const;
