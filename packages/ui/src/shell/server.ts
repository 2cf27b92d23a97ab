// `@caretracker/ui/shell/server`: what the apps' server components (layouts, metadata) use.
export { NotFoundPage } from './not-found-page';
export { appMetadata, appViewport, pageTitle, RootLayout, type RootLayoutProps } from './root-layout';
