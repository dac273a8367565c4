/** Why a sign-in through the provider was refused; the login page shows a message for each. */
export const OIDC_REFUSALS = [
  'failed',
  'expired',
  'claim_missing',
  'email_unverified',
  'unknown_person',
  'ambiguous',
  'disabled',
] as const;
export type OidcRefusalCode = (typeof OIDC_REFUSALS)[number];
