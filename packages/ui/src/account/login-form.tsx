'use client';

import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Alert } from './alert';
import { ApiError, type AuthenticatedSession, createApiClient } from './api-client';
import { Button } from './button';
import { describeMinutes } from './idle-timeout';
import { TextField } from './text-field';

type Step =
  | { kind: 'credentials' }
  | { kind: 'mfa'; mfaToken: string }
  | { kind: 'enrol'; mfaToken: string; secret: string; otpauthUrl: string }
  | { kind: 'recovery'; codes: string[]; session?: AuthenticatedSession };

export interface LoginFormProps {
  apiUrl: string;
  appName: string;
  /** Where to go once signed in (a full page load, so the new session is read fresh). */
  redirectTo?: string;
  /** The app's idle timeout, named when the user arrives after an idle sign-out (?reason=idle). */
  idleTimeoutMinutes?: number;
}

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfterSeconds) {
      return `Too many sign-in attempts. Try again in ${error.retryAfterSeconds} seconds.`;
    }
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}

/** Two-step sign-in: password, then a TOTP code, or first-time MFA enrolment when required. */
export function LoginForm({ apiUrl, appName, redirectTo = '/', idleTimeoutMinutes }: LoginFormProps) {
  const api = useMemo(() => createApiClient(apiUrl), [apiUrl]);
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // After the first step, each new step's heading takes focus (see StepHeading).
  const movedOn = useRef(false);

  // Read after hydration: the page itself is static, so the query string is not known at build.
  useEffect(() => {
    if (new URLSearchParams(window.location.search).get('reason') !== 'idle') return;
    const after = idleTimeoutMinutes ? ` after ${describeMinutes(idleTimeoutMinutes)}` : '';
    setNotice(`You were signed out${after} without activity, to protect your privacy. Sign in again to continue.`);
  }, [idleTimeoutMinutes]);

  function goTo(next: Step) {
    movedOn.current = true;
    setStep(next);
  }

  function finish() {
    window.location.assign(redirectTo);
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  }

  function onCredentials(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const errors: Record<string, string> = {};
    if (!email) errors.email = 'Enter your email address.';
    if (!password) errors.password = 'Enter your password.';
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setNotice(null);
    void run(async () => {
      const result = await api.login(email, password);
      if (result.status === 'authenticated') return finish();
      if (result.status === 'mfa_required') return goTo({ kind: 'mfa', mfaToken: result.mfaToken });
      const setup = await api.setupMfa(result.mfaToken);
      goTo({ kind: 'enrol', mfaToken: result.mfaToken, ...setup });
    });
  }

  function readCode(event: FormEvent<HTMLFormElement>): string | null {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    if (!code) {
      setFieldErrors({ code: 'Enter the code from your authenticator app.' });
      return null;
    }
    setFieldErrors({});
    return code;
  }

  function onMfa(event: FormEvent<HTMLFormElement>, mfaToken: string) {
    const code = readCode(event);
    if (code === null) return;
    void run(async () => {
      await api.verifyMfa(mfaToken, code);
      finish();
    });
  }

  function onEnrol(event: FormEvent<HTMLFormElement>, mfaToken: string) {
    const code = readCode(event);
    if (code === null) return;
    void run(async () => {
      const result = await api.enableMfa(mfaToken, code);
      goTo({ kind: 'recovery', codes: result.recoveryCodes, session: result.session });
    });
  }

  function restart(message: string) {
    setNotice(message);
    setFieldErrors({});
    goTo({ kind: 'credentials' });
  }

  const heading = (text: string) => <StepHeading text={text} focus={movedOn.current} />;
  const alert = error && <Alert tone="error">{error}</Alert>;

  if (step.kind === 'credentials') {
    return (
      <form key="credentials" noValidate onSubmit={onCredentials} className="flex flex-col gap-4">
        {heading(`Sign in to the ${appName}`)}
        {notice && <Alert tone="info">{notice}</Alert>}
        {alert}
        <TextField
          label="Email address"
          name="email"
          type="email"
          autoComplete="username"
          required
          error={fieldErrors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password}
        />
        <Button type="submit" busy={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    );
  }

  if (step.kind === 'mfa') {
    const { mfaToken } = step;
    return (
      <form key="mfa" noValidate onSubmit={(e) => onMfa(e, mfaToken)} className="flex flex-col gap-4">
        {heading('Enter your verification code')}
        {alert}
        <TextField
          label="Verification code"
          name="code"
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
          inputMode="text"
          autoComplete="one-time-code"
          required
          error={fieldErrors.code}
        />
        <Button type="submit" busy={busy}>
          {busy ? 'Verifying…' : 'Verify and sign in'}
        </Button>
        <Button variant="secondary" onClick={() => restart('Sign in again to continue.')}>
          Start over
        </Button>
      </form>
    );
  }

  if (step.kind === 'enrol') {
    const { mfaToken, secret, otpauthUrl } = step;
    return (
      <form key="enrol" noValidate onSubmit={(e) => onEnrol(e, mfaToken)} className="flex flex-col gap-4">
        {heading('Set up two-step verification')}
        <p className="text-ink">
          Your role requires a second step at sign-in. Add this account to an authenticator app by entering the secret
          key below (or open the setup link on a device that has one), then type the 6-digit code it shows.
        </p>
        <dl className="flex flex-col gap-2 rounded-control border border-border-subtle bg-canvas p-3">
          <dt className="font-semibold">Secret key</dt>
          <dd>
            <code className="break-all font-mono text-lg" data-testid="mfa-secret">
              {secret}
            </code>
          </dd>
          <dt className="font-semibold">Setup link</dt>
          <dd>
            <code className="break-all font-mono text-sm">{otpauthUrl}</code>
          </dd>
        </dl>
        {alert}
        <TextField
          label="6-digit code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          error={fieldErrors.code}
        />
        <Button type="submit" busy={busy}>
          {busy ? 'Checking…' : 'Turn on two-step verification'}
        </Button>
      </form>
    );
  }

  const { codes, session } = step;
  return (
    <div key="recovery" className="flex flex-col gap-4">
      {heading('Save your recovery codes')}
      <Alert tone="warning" title="Shown only once">
        Each code signs you in once if you lose your authenticator. Store them somewhere safe now: they will not be
        shown again.
      </Alert>
      <ul className="grid grid-cols-2 gap-2 font-mono text-lg" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code} className="rounded-control border border-border-subtle bg-canvas px-2 py-1">
            {code}
          </li>
        ))}
      </ul>
      <Button onClick={() => (session ? finish() : restart('Two-step verification is on. Sign in again to continue.'))}>
        I have saved these codes, continue
      </Button>
    </div>
  );
}

/** The step's title; takes focus when it replaces another step, so screen readers announce it. */
function StepHeading({ text, focus }: { text: string; focus: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h1 ref={ref} tabIndex={-1} className="font-bold text-2xl text-ink">
      {text}
    </h1>
  );
}
