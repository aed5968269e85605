/** The features an order may ask for, as the order validation table lists them. */
export const FEATURES = [
  'COMPANY_DATA', 'CONTACTS', 'TECHNOLOGIES', 'JOBS', 'HANDELSREGISTER', 'ANALYSIS', 'EMAIL_DISCOVERY', 'EMAIL_GENERATION',
] as const;
