// `@caretracker/ui/data`: server state. TanStack Query over the typed API client.
export {
  type ChangePasswordInput,
  useChangePassword,
  useMfaDisable,
  useMfaEnable,
  useMfaSetup,
  useNotificationPreferences,
  useRequestPasswordReset,
  useResetPassword,
  useUpdateNotificationPreferences,
  useUpdateUser,
  useUser,
} from './account';
export {
  type ApiClient,
  ApiError,
  type AuthenticatedSession,
  createApiClient,
  type MfaEnableResult,
  type MfaSetup,
  type Query,
  REQUEST_TIMEOUT_MS,
  type RequestOptions,
  withQuery,
} from './api-client';
export { ApiProvider, useApi } from './api-context';
export { useErrorMessage } from './error-message';
export { keys } from './keys';
export { useMe } from './me';
export {
  createQueryClient,
  isNetworkError,
  isNotFound,
  isSessionEnded,
  type QueryClientOptions,
  retryDelay,
  shouldRetry,
} from './query-client';
export { QueryView, type QueryViewProps } from './query-view';
export { useVisit } from './visits';
