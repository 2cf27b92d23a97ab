import { appMetadata, appViewport, RootLayout } from '@caretracker/ui/shell/server';
import type { ReactNode } from 'react';
import { config } from '@/lib/config';
import './globals.css';

export const generateMetadata = () => appMetadata(config.app);

export const viewport = appViewport;

export default function Layout({ children }: { children: ReactNode }) {
  return <RootLayout apiUrl={config.apiUrl}>{children}</RootLayout>;
}
