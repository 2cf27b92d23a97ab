export { Alert, type AlertProps, type AlertTone } from './alert';
export {
  type ApiClient,
  ApiError,
  type AuthenticatedSession,
  createApiClient,
  type MfaEnableResult,
  type MfaSetup,
} from './api-client';
export { AppShell, type AppShellProps, Header, type HeaderProps } from './app-shell';
export { APPS, type AppInfo, type AppKey, type AppUrls, appForRole } from './apps';
export { Button, type ButtonProps, type ButtonVariant } from './button';
export { Card, type CardProps } from './card';
export { cx } from './class-names';
export { describeMinutes, IDLE_WARNING_SECONDS, idleTimeoutMinutesFrom } from './idle-timeout';
export { IdleWarningDialog, type IdleWarningDialogProps } from './idle-warning-dialog';
export { LoginForm, type LoginFormProps } from './login-form';
export { PlannedFeatures, type PlannedFeaturesProps } from './planned-features';
export { SignedInPage, type SignedInPageProps } from './signed-in-page';
export { TextField, type TextFieldProps } from './text-field';
export { type IdleLogoutOptions, type IdleLogoutState, useIdleLogout } from './use-idle-logout';
