export type { AlertNotifier, AlertService, AlertServiceOptions } from './alert-service';
export { mainNotifier, openAlertService } from './alert-service';
export { ALERTS_FILE } from './alerts-file';
