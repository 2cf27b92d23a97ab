'use client';

import type { Me } from '@caretracker/shared';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { AppKey } from '../apps';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Link } from '../components/link';
import { TextField } from '../components/text-field';
import type { AuthenticatedSession } from '../data/api-client';
import { useApi } from '../data/api-context';
import { useErrorMessage } from '../data/error-message';
import { rememberMe } from '../data/remembered-me';
import { localeFromLanguage } from '../i18n/locales';
import { setLocaleCookie } from '../i18n/preferences-cookies';
import { safeNextPath } from '../shell/sign-in-path';
import { RecoveryCodes } from './recovery-codes';
import { StepHeading } from './step-heading';

type Step =
  | { kind: 'credentials' }
  | { kind: 'mfa'; mfaToken: string }
  | { kind: 'enrol'; mfaToken: string; secret: string; otpauthUrl: string }
  | { kind: 'recovery'; codes: string[]; session?: AuthenticatedSession };

export interface LoginFormProps {
  app: AppKey;
  /** The app's idle timeout, named when the user arrives after an idle sign-out (?reason=idle). */
  idleTimeoutMinutes?: number;
}

/** Two-step sign-in: password, then a TOTP code, or first-time MFA enrolment when the role requires it. */
export function LoginForm({ app, idleTimeoutMinutes }: LoginFormProps) {
  const api = useApi();
  const t = useTranslations('auth');
  const tApp = useTranslations('apps');
  const describe = useErrorMessage();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // After the first step, each new step's heading takes focus (see StepHeading).
  const movedOn = useRef(false);

  // Read after hydration: the query string is not part of the server render.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (params.get('reason') === 'idle') {
      setNotice(idleTimeoutMinutes ? t('idleSignedOut', { minutes: idleTimeoutMinutes }) : t('idleSignedOutNoTime'));
    } else if (params.get('reason') === 'reset') {
      setNotice(t('passwordWasReset'));
    }
  }, [idleTimeoutMinutes, t]);

  function goTo(next: Step) {
    movedOn.current = true;
    setStep(next);
  }

  /** Signed in: the profile's language becomes this device's (NEXT_LOCALE), then on to the app. */
  function finish(user?: Me) {
    if (user) rememberMe(user);
    const locale = localeFromLanguage(user?.preferredLanguage);
    if (locale) setLocaleCookie(locale);
    window.location.assign(safeNextPath(new URLSearchParams(window.location.search).get('next')));
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
    if (!email) errors.email = t('enterEmail');
    if (!password) errors.password = t('enterPassword');
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setNotice(null);
    void run(async () => {
      const result = await api.login(email, password);
      if (result.status === 'authenticated') return finish(result.user);
      if (result.status === 'mfa_required') return goTo({ kind: 'mfa', mfaToken: result.mfaToken });
      const setup = await api.setupMfa(result.mfaToken);
      goTo({ kind: 'enrol', mfaToken: result.mfaToken, ...setup });
    });
  }

  function readCode(event: FormEvent<HTMLFormElement>): string | null {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    if (!code) {
      setFieldErrors({ code: t('enterCode') });
      return null;
    }
    setFieldErrors({});
    return code;
  }

  function onMfa(event: FormEvent<HTMLFormElement>, mfaToken: string) {
    const code = readCode(event);
    if (code === null) return;
    void run(async () => {
      const session = await api.verifyMfa(mfaToken, code);
      finish(session.user);
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
        {heading(t('signInTo', { app: tApp(`${app}.name`) }))}
        {notice && <Alert tone="info">{notice}</Alert>}
        {alert}
        <TextField
          label={t('email')}
          name="email"
          type="email"
          autoComplete="username"
          isRequired
          error={fieldErrors.email}
        />
        <TextField
          label={t('password')}
          name="password"
          type="password"
          autoComplete="current-password"
          isRequired
          error={fieldErrors.password}
        />
        <Button type="submit" isPending={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </Button>
        <Link href="/forgot-password" className="self-start">
          {t('forgotPassword')}
        </Link>
      </form>
    );
  }

  if (step.kind === 'mfa') {
    const { mfaToken } = step;
    return (
      <form key="mfa" noValidate onSubmit={(e) => onMfa(e, mfaToken)} className="flex flex-col gap-4">
        {heading(t('mfaTitle'))}
        {alert}
        <TextField
          label={t('code')}
          name="code"
          hint={t('codeHint')}
          inputMode="text"
          autoComplete="one-time-code"
          isRequired
          error={fieldErrors.code}
        />
        <Button type="submit" isPending={busy}>
          {busy ? t('verifying') : t('verify')}
        </Button>
        <Button variant="secondary" onPress={() => restart(t('signInAgainToContinue'))}>
          {t('startOver')}
        </Button>
      </form>
    );
  }

  if (step.kind === 'enrol') {
    const { mfaToken, secret, otpauthUrl } = step;
    return (
      <form key="enrol" noValidate onSubmit={(e) => onEnrol(e, mfaToken)} className="flex flex-col gap-4">
        {heading(t('enrolTitle'))}
        <p className="text-ink">{t('enrolRequired')}</p>
        <MfaSecret secret={secret} otpauthUrl={otpauthUrl} />
        {alert}
        <TextField
          label={t('sixDigitCode')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          isRequired
          error={fieldErrors.code}
        />
        <Button type="submit" isPending={busy}>
          {busy ? t('checking') : t('turnOn')}
        </Button>
      </form>
    );
  }

  const { codes, session } = step;
  return (
    <div key="recovery" className="flex flex-col gap-4">
      {heading(t('recoveryTitle'))}
      <RecoveryCodes codes={codes} />
      <Button onPress={() => (session ? finish(session.user) : restart(t('mfaOnSignInAgain')))}>
        {t('savedContinue')}
      </Button>
    </div>
  );
}

/** The TOTP secret and setup link, as text (no QR image: nothing is drawn from outside). */
export function MfaSecret({ secret, otpauthUrl }: { secret: string; otpauthUrl: string }) {
  const t = useTranslations('auth');
  return (
    <dl className="flex flex-col gap-2 rounded-control border border-border-subtle bg-canvas p-3">
      <dt className="font-semibold">{t('secretKey')}</dt>
      <dd>
        <code className="break-all font-mono text-lg" data-testid="mfa-secret">
          {secret}
        </code>
      </dd>
      <dt className="font-semibold">{t('setupLink')}</dt>
      <dd>
        <code className="break-all font-mono text-sm">{otpauthUrl}</code>
      </dd>
    </dl>
  );
}
