import { appMetadata, appViewport, RootLayout } from '@caretracker/ui';
import { config } from '@/lib/config';
import './globals.css';

export const metadata = appMetadata(config.app);

export const viewport = appViewport;

export default RootLayout;
