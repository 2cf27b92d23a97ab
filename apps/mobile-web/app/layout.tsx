import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { ServiceWorkerRegistration } from './service-worker-registration';
import './globals.css';

export const metadata: Metadata = {
  title: 'Care worker app · CareTracker',
  description: 'CareTracker Care worker app',
  manifest: '/manifest.webmanifest',
  applicationName: 'CareTracker',
  appleWebApp: { capable: true, title: 'CareTracker', statusBarStyle: 'default' },
  icons: {
    icon: [{ url: '/icons/icon.svg', type: 'image/svg+xml' }],
    apple: [{ url: '/icons/apple-touch-icon.png', sizes: '180x180' }],
  },
};

export const viewport: Viewport = { themeColor: '#0b5394', width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-canvas font-sans text-ink antialiased">
        {children}
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}
