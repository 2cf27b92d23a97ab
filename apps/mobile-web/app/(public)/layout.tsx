import type { ReactNode } from 'react';
import { ForgetCache } from '@/lib/forget-cache';

// Sign-in, forgot and reset password: nobody is signed in here, so no client data stays on the device.
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <ForgetCache />
      {children}
    </>
  );
}
