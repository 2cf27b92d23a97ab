// `@caretracker/ui`: the app scaffolding. Screens import from the subpaths that hold what they use
// (`/components`, `/data`, `/forms`, `/shell`, `/account`, `/charts`, `/i18n`), so a route loads
// only those; nothing here pulls in zod or the charts.
export { type AppConfig, type AppConfigOptions, appConfig } from './app-config';
export { APP_ROLES, type AppKey, type AppUrls, appForRole } from './apps';
