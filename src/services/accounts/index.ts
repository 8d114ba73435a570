// Exchange accounts: the account service and what it is made of.
export { createAccountService, DEMO_ACCOUNT_LABEL } from './account-service';
export type { AccountService, AccountServiceOptions, DemoSimulator } from './account-service';
export { assessKey } from './account-tester';
export type { KeyAssessment } from './account-tester';
export { ACCOUNTS_FILE, ACCOUNTS_VERSION } from './accounts-store';
export { DEMO_ACCOUNT_FILE } from './demo-account-file';
