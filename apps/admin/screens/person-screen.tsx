'use client';

import type { Role, UserRelation, UserView } from '@caretracker/shared';
import { canDeactivateUsers, writableUserFields } from '@caretracker/shared/permissions';
import { Alert, AlertDialog, Badge, Button, Card, Link, NotFoundState, toast } from '@caretracker/ui/components';
import { isNotFound, QueryView, useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader, useSession } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { usePerson } from '@/lib/office-api';
import { useUpdatePerson } from '@/lib/people-api';
import { fullName } from '@/lib/vocabulary';
import { PersonDetailsForm } from './person-details-form';
import { WorkerAvailability } from './worker-availability';
import { WorkerSkills } from './worker-skills';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How the signed-in user relates to this record, as the API works it out (the shared matrix then decides). */
function relationTo(me: { id: string; role: string }, person: UserView): UserRelation {
  if (me.id === person.id) return 'self';
  if (person.breakGlass) return 'emergency';
  return me.role === 'ADMIN' ? 'none' : 'team';
}

function AccountState({ person }: { person: UserView }) {
  const t = useTranslations('person.state');
  const format = useFormat();
  return (
    <Card title={t('title')}>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold text-ink">{t('role')}</dt>
        <dd>{t(`roles.${person.role}`)}</dd>
        <dt className="font-semibold text-ink">{t('status')}</dt>
        <dd>
          <Badge tone={person.isActive === false ? 'neutral' : 'success'}>
            {t(person.isActive === false ? 'inactive' : 'active')}
          </Badge>
        </dd>
        {person.mfaEnabled !== undefined && (
          <>
            <dt className="font-semibold text-ink">{t('mfa')}</dt>
            <dd>
              <Badge tone={person.mfaEnabled ? 'info' : 'warning'}>{t(person.mfaEnabled ? 'mfaOn' : 'mfaOff')}</Badge>
            </dd>
          </>
        )}
        {person.emailVerified !== undefined && (
          <>
            <dt className="font-semibold text-ink">{t('email')}</dt>
            <dd>{t(person.emailVerified ? 'emailConfirmed' : 'emailNotConfirmed')}</dd>
          </>
        )}
        {person.lastLoginAt !== undefined && (
          <>
            <dt className="font-semibold text-ink">{t('lastSignIn')}</dt>
            <dd>{person.lastLoginAt ? format.dateTime(person.lastLoginAt) : t('never')}</dd>
          </>
        )}
        {person.lockedUntil && (
          <>
            <dt className="font-semibold text-ink">{t('locked')}</dt>
            <dd>{t('lockedUntil', { time: format.dateTime(person.lockedUntil) })}</dd>
          </>
        )}
      </dl>
    </Card>
  );
}

/** Admins deactivate (every session of the person ends at once) and reactivate. */
function ActiveSwitch({ person }: { person: UserView }) {
  const t = useTranslations('person.deactivate');
  const describe = useErrorMessage();
  const update = useUpdatePerson(person.id);
  const [confirming, setConfirming] = useState(false);
  const name = fullName(person);
  if (person.isActive === false) {
    return (
      <Button
        variant="secondary"
        isPending={update.isPending}
        onPress={() =>
          update.mutate(
            { isActive: true, version: person.version },
            { onSuccess: () => toast.success(t('reactivated', { name })) },
          )
        }
      >
        {t('reactivate')}
      </Button>
    );
  }
  return (
    <>
      <Button variant="danger" onPress={() => setConfirming(true)}>
        {t('button')}
      </Button>
      <AlertDialog
        title={t('confirmTitle', { name })}
        isOpen={confirming}
        onOpenChange={setConfirming}
        confirmLabel={t('confirm')}
        cancelLabel={t('cancel')}
        tone="danger"
        isPending={update.isPending}
        onConfirm={() =>
          update.mutate(
            { isActive: false, version: person.version },
            {
              onSuccess: () => {
                setConfirming(false);
                toast.success(t('done', { name }));
              },
              onError: (error) => {
                setConfirming(false);
                toast.error(describe(error));
              },
            },
          )
        }
      >
        {t('confirmBody', { name })}
      </AlertDialog>
    </>
  );
}

function PersonNotFound() {
  const t = useTranslations('person');
  const tp = useTranslations('people');
  return (
    <>
      <PageHeader title={t('notFoundTitle')} breadcrumbs={[{ href: '/people', label: tp('title') }]} />
      <NotFoundState action={<Link href="/people">{t('backToPeople')}</Link>} />
    </>
  );
}

function PersonRecord({ person }: { person: UserView }) {
  const t = useTranslations('person');
  const tp = useTranslations('people');
  const { me } = useSession();
  const writable = writableUserFields(me.role as Role, relationTo(me, person));
  const mayDeactivate = canDeactivateUsers(me.role as Role) && me.id !== person.id;
  const canEditIdentity = writable.has('identity');
  return (
    <>
      <PageHeader
        title={fullName(person)}
        breadcrumbs={[{ href: '/people', label: tp('title') }]}
        description={t(`describe.${person.role}`)}
        actions={mayDeactivate ? <ActiveSwitch person={person} /> : undefined}
      />
      {person.isActive === false && (
        <Alert tone="info" className="mb-4">
          {t('inactiveNote')}
        </Alert>
      )}
      {person.role === 'CLIENT' && (
        <p className="mb-4">
          <Link href={`/clients/${person.id}`}>{t('openClientRecord')}</Link>
        </p>
      )}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <AccountState person={person} />
        {canEditIdentity && <PersonDetailsForm key={person.version} person={person} writable={writable} />}
        {person.role === 'WORKER' && (
          <>
            <WorkerSkills key={`skills-${person.version}`} person={person} canEdit={canEditIdentity} />
            <WorkerAvailability key={`availability-${person.version}`} person={person} canEdit={canEditIdentity} />
          </>
        )}
      </div>
    </>
  );
}

/** /people/[personId]: a person's account, details and (for workers) skills and weekly hours. */
export function PersonScreen({ personId }: { personId: string }) {
  const t = useTranslations('person');
  const valid = UUID.test(personId);
  const person = usePerson(personId, valid);
  if (!valid || isNotFound(person.error)) return <PersonNotFound />;
  return (
    <div aria-busy={person.isPending}>
      <QueryView query={person} loading={<PageHeader title={t('loading')} />}>
        {(data) => <PersonRecord person={data} />}
      </QueryView>
    </div>
  );
}
