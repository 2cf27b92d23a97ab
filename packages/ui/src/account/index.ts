// `@caretracker/ui/account`: the sign-in and account self-service screens every app shares.
export { ACCOUNT_SECTIONS, AccountSections } from './account-sections';
export { LoginForm, type LoginFormProps } from './login-form';
export { LoginScreen } from './login-screen';
export { PublicPage } from './public-page';
export {
  DevicesScreen,
  ForgotPasswordScreen,
  NotificationsScreen,
  PasswordScreen,
  PreferencesScreen,
  ProfileScreen,
  ResetPasswordScreen,
  SecurityScreen,
  VerifyEmailScreen,
} from './screens';
