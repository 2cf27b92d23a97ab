// `@caretracker/ui/account`: the sign-in and account self-service screens every app shares.
export { ACCOUNT_SECTIONS, AccountSections } from './account-sections';
export { ForgotPasswordScreen } from './forgot-password-screen';
export { LoginForm, type LoginFormProps } from './login-form';
export { LoginScreen } from './login-screen';
export { NotificationsScreen } from './notifications-screen';
export { PasswordScreen } from './password-screen';
export { PreferencesScreen } from './preferences-screen';
export { ProfileScreen } from './profile-screen';
export { PublicPage } from './public-page';
export { ResetPasswordScreen } from './reset-password-screen';
export { SecurityScreen } from './security-screen';
