export { Alert, type AlertProps, type AlertTone } from './alert';
export {
  type ApiClient,
  ApiError,
  type AuthenticatedSession,
  createApiClient,
  type MfaEnableResult,
  type MfaSetup,
} from './api-client';
export { type AppConfig, type AppConfigOptions, appConfig } from './app-config';
export { AppShell, type AppShellProps, Header, type HeaderProps } from './app-shell';
export { APPS, type AppInfo, type AppKey, type AppUrls, appForRole } from './apps';
export { Button, type ButtonProps, type ButtonVariant } from './button';
export { Card, type CardProps } from './card';
export { cx } from './class-names';
export { describeMinutes, IDLE_WARNING_SECONDS, idleTimeoutMinutesFrom } from './idle-timeout';
export { IdleWarningDialog, type IdleWarningDialogProps } from './idle-warning-dialog';
export { LoginForm, type LoginFormProps } from './login-form';
export { LoginPage, loginMetadata } from './login-page';
export { PlannedFeatures, type PlannedFeaturesProps } from './planned-features';
export { appMetadata, appViewport, RootLayout } from './root-layout';
export { SignedInPage, type SignedInPageProps, type Welcome } from './signed-in-page';
export { TextField, type TextFieldProps } from './text-field';
export { type IdleLogoutOptions, type IdleLogoutState, useIdleLogout } from './use-idle-logout';
