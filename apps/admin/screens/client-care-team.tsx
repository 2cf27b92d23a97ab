'use client';

import type { CareTeamMember, CareTeamRole } from '@caretracker/shared';
import { Alert, AlertDialog, Badge, Button, Card, Link, Select, toast } from '@caretracker/ui/components';
import { QueryView, useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAssignToCareTeam, useCareTeam, useChangeCareTeamMember, useEndCareTeamMember } from '@/lib/care-team-api';
import { useUsers } from '@/lib/office-api';
import { fullName } from '@/lib/vocabulary';

const day = (date: string) => `${date}T12:00:00Z`;

function MemberRow({ clientId, member, canEdit }: { clientId: string; member: CareTeamMember; canEdit: boolean }) {
  const t = useTranslations('client.careTeam');
  const format = useFormat();
  const describe = useErrorMessage();
  const change = useChangeCareTeamMember(clientId);
  const end = useEndCareTeamMember(clientId);
  const [confirming, setConfirming] = useState(false);
  const name = fullName(member.worker);
  const ended = member.standing === 'ENDED';
  const other: CareTeamRole = member.assignmentRole === 'PRIMARY' ? 'BACKUP' : 'PRIMARY';
  const dates = member.endsOn
    ? t('between', { start: format.date(day(member.startsOn)), end: format.date(day(member.endsOn)) })
    : t('since', { start: format.date(day(member.startsOn)) });
  const error = change.error ?? end.error;
  return (
    <li className="flex flex-col gap-2 border-border-subtle border-b py-3 last:border-b-0">
      <div className="flex flex-wrap items-center gap-2">
        <strong>{name}</strong>
        <Badge tone={member.assignmentRole === 'PRIMARY' ? 'info' : 'neutral'}>
          {t(`roles.${member.assignmentRole}`)}
        </Badge>
        {member.standing !== 'CURRENT' && (
          <Badge tone={ended ? 'neutral' : 'warning'}>{ended ? t('ended') : t('upcoming')}</Badge>
        )}
        {!member.worker.isActive && <Badge tone="warning">{t('inactive')}</Badge>}
      </div>
      <span className="text-ink-muted text-sm">{dates}</span>
      {error && <Alert tone="error">{describe(error)}</Alert>}
      {canEdit && !ended && (
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            isPending={change.isPending}
            aria-label={t(`make.${other}`, { name })}
            onPress={() =>
              change.mutate(
                { id: member.id, assignmentRole: other, version: member.version },
                { onSuccess: () => toast.success(t('changed', { name })) },
              )
            }
          >
            {t(`makeShort.${other}`)}
          </Button>
          {member.endsOn === null && (
            <Button variant="secondary" aria-label={t('end', { name })} onPress={() => setConfirming(true)}>
              {t('endShort')}
            </Button>
          )}
          <AlertDialog
            title={t('endTitle', { name })}
            isOpen={confirming}
            onOpenChange={setConfirming}
            confirmLabel={t('endConfirm')}
            cancelLabel={t('keep')}
            tone="danger"
            isPending={end.isPending}
            onConfirm={() =>
              end.mutate(member.id, {
                onSuccess: () => {
                  setConfirming(false);
                  toast.success(t('endedToast', { name }));
                },
                onError: () => setConfirming(false),
              })
            }
          >
            {t('endBody', { name })}
          </AlertDialog>
        </div>
      )}
    </li>
  );
}

function AddMember({ clientId, taken }: { clientId: string; taken: Set<string> }) {
  const t = useTranslations('client.careTeam');
  const describe = useErrorMessage();
  const workers = useUsers({ role: 'WORKER', isActive: 'true', limit: 100 });
  const assign = useAssignToCareTeam(clientId);
  const [workerId, setWorkerId] = useState<string | null>(null);
  const [role, setRole] = useState<CareTeamRole>('BACKUP');
  const [error, setError] = useState<string | undefined>();
  const options = (workers.data ?? [])
    .filter((worker) => !taken.has(worker.id))
    .map((worker) => ({ id: worker.id, label: fullName(worker) }));
  return (
    <form
      noValidate
      className="mt-4 flex flex-col gap-3"
      aria-label={t('addTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        if (!workerId) return setError(t('chooseWorker'));
        setError(undefined);
        assign.mutate(
          { workerId, assignmentRole: role },
          {
            onSuccess: () => {
              setWorkerId(null);
              toast.success(t('added'));
            },
          },
        );
      }}
    >
      <h3 className="font-semibold text-ink">{t('addTitle')}</h3>
      {assign.error && <Alert tone="error">{describe(assign.error)}</Alert>}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Select
          label={t('worker')}
          placeholder={workers.isPending ? t('loadingWorkers') : t('chooseWorker')}
          options={options}
          selectedKey={workerId}
          onSelectionChange={(key) => setWorkerId(key === null ? null : String(key))}
          error={error}
          isRequired
        />
        <Select
          label={t('role')}
          options={[
            { id: 'PRIMARY', label: t('roles.PRIMARY') },
            { id: 'BACKUP', label: t('roles.BACKUP') },
          ]}
          selectedKey={role}
          onSelectionChange={(key) => setRole(key === 'PRIMARY' ? 'PRIMARY' : 'BACKUP')}
          hint={t('roleHint')}
        />
      </div>
      <div>
        <Button type="submit" isPending={assign.isPending}>
          {t('add')}
        </Button>
      </div>
    </form>
  );
}

/** The client's care team: supervisor, primary and backup workers; the office adds, changes and ends members. */
export function ClientCareTeam({ clientId, canEdit }: { clientId: string; canEdit: boolean }) {
  const t = useTranslations('client.careTeam');
  const query = useCareTeam(clientId);
  return (
    <Card title={t('title')} description={t('description')}>
      <QueryView query={query} notFound={<p className="text-ink-muted">{t('notYours')}</p>}>
        {(team) => (
          <>
            <p className="mb-2">
              {team.supervisor ? t('supervisor', { name: fullName(team.supervisor) }) : t('noSupervisor')}{' '}
              {canEdit && <Link href={`/people/${clientId}`}>{t('changeSupervisor')}</Link>}
            </p>
            {team.members.length === 0 ? (
              <p className="text-ink-muted">{t('none')}</p>
            ) : (
              <ul aria-label={t('members')}>
                {team.members.map((member) => (
                  <MemberRow key={member.id} clientId={clientId} member={member} canEdit={canEdit} />
                ))}
              </ul>
            )}
            {canEdit && (
              <AddMember
                clientId={clientId}
                taken={new Set(team.members.filter((m) => m.standing !== 'ENDED').map((m) => m.worker.id))}
              />
            )}
          </>
        )}
      </QueryView>
    </Card>
  );
}
