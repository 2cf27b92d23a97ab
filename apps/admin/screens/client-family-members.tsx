'use client';

import type { FamilyCandidate, FamilyMember } from '@caretracker/shared';
import { Alert, AlertDialog, Badge, Button, Card, TextField, toast } from '@caretracker/ui/components';
import { QueryView, useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useFamilyCandidates, useFamilyMembers, useLinkFamilyMember, useUnlinkFamilyMember } from '@/lib/family-api';
import { useDebounced } from '@/lib/use-debounced';
import { fullName } from '@/lib/vocabulary';

function MemberRow({ clientId, client, member }: { clientId: string; client: string; member: FamilyMember }) {
  const t = useTranslations('client.family');
  const format = useFormat();
  const describe = useErrorMessage();
  const unlink = useUnlinkFamilyMember(clientId);
  const [confirming, setConfirming] = useState(false);
  const name = fullName(member);
  return (
    <li className="flex flex-col gap-1 border-border-subtle border-b py-3 last:border-b-0" data-testid="family-member">
      <div className="flex flex-wrap items-center gap-2">
        <strong>{name}</strong>
        {member.relationship && <Badge tone="neutral">{member.relationship}</Badge>}
      </div>
      <span className="break-all text-ink-muted text-sm">{member.email}</span>
      <span className="text-ink-muted text-sm">{t('since', { date: format.date(member.linkedAt) })}</span>
      {unlink.error && <Alert tone="error">{describe(unlink.error)}</Alert>}
      <div className="mt-1">
        <Button variant="secondary" aria-label={t('unlinkNamed', { name })} onPress={() => setConfirming(true)}>
          {t('unlink')}
        </Button>
      </div>
      <AlertDialog
        title={t('unlinkTitle', { name })}
        isOpen={confirming}
        onOpenChange={setConfirming}
        confirmLabel={t('unlinkConfirm')}
        cancelLabel={t('keep')}
        tone="danger"
        isPending={unlink.isPending}
        onConfirm={() =>
          unlink.mutate(member.userId, {
            onSuccess: () => {
              setConfirming(false);
              toast.success(t('unlinked', { name, client }));
            },
            onError: () => setConfirming(false),
          })
        }
      >
        {t('unlinkBody', { name, client })}
      </AlertDialog>
    </li>
  );
}

function Candidate({
  candidate,
  onLink,
  isPending,
}: {
  candidate: FamilyCandidate;
  onLink: () => void;
  isPending: boolean;
}) {
  const t = useTranslations('client.family');
  const name = fullName(candidate);
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 border-border-subtle border-b py-2 last:border-b-0">
      <span className="flex min-w-0 flex-col">
        <strong>{name}</strong>
        <span className="break-all text-ink-muted text-sm">{candidate.email}</span>
      </span>
      <Button variant="secondary" aria-label={t('linkNamed', { name })} onPress={onLink} isPending={isPending}>
        {t('link')}
      </Button>
    </li>
  );
}

function LinkMember({ clientId, client, hasMembers }: { clientId: string; client: string; hasMembers: boolean }) {
  const t = useTranslations('client.family');
  const describe = useErrorMessage();
  const [typed, setTyped] = useState('');
  const [relationship, setRelationship] = useState('');
  const [linking, setLinking] = useState<string | null>(null);
  const titleId = useId();
  // Search as the admin types, once they pause.
  const search = useDebounced(typed.trim(), 350);
  const candidates = useFamilyCandidates(clientId, search);
  const link = useLinkFamilyMember(clientId);

  const linkTo = (candidate: FamilyCandidate) => {
    setLinking(candidate.userId);
    link.mutate(
      { userId: candidate.userId, ...(relationship.trim() ? { relationship: relationship.trim() } : {}) },
      {
        onSuccess: () => {
          setRelationship('');
          setTyped('');
          toast.success(t('linked', { name: fullName(candidate), client }));
        },
        onSettled: () => setLinking(null),
      },
    );
  };

  return (
    <section aria-labelledby={titleId} className="mt-4 flex flex-col gap-3">
      <h3 id={titleId} className="font-semibold text-ink">
        {t('linkTitle')}
      </h3>
      <p className="text-ink-muted text-sm">{t('linkHint', { client })}</p>
      {link.error && <Alert tone="error">{describe(link.error)}</Alert>}
      <div className="flex flex-col gap-3">
        <TextField label={t('search')} type="search" value={typed} onChange={setTyped} />
        <TextField
          label={t('relationship')}
          hint={t('relationshipHint')}
          value={relationship}
          onChange={setRelationship}
          maxLength={60}
        />
      </div>
      <QueryView query={candidates}>
        {(list) =>
          list.length === 0 ? (
            <p className="text-ink-muted">
              {search ? t('noMatch', { search }) : hasMembers ? t('noOtherCandidates') : t('noCandidates')}
            </p>
          ) : (
            <ul aria-label={t('candidates')}>
              {list.map((candidate) => (
                <Candidate
                  key={candidate.userId}
                  candidate={candidate}
                  isPending={linking === candidate.userId}
                  onLink={() => linkTo(candidate)}
                />
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}

/**
 * Family members who sign in with their own account and act for the client (PRODUCT.md
 * "family"). Only admins list, link and unlink them (the API's rule), so only admins see this.
 */
export function ClientFamilyMembers({ clientId, client }: { clientId: string; client: string }) {
  const t = useTranslations('client.family');
  const query = useFamilyMembers(clientId, true);
  return (
    <Card title={t('title')} description={t('description', { client })}>
      <QueryView query={query}>
        {(members) =>
          members.length === 0 ? (
            <p className="text-ink-muted">{t('none', { client })}</p>
          ) : (
            <ul aria-label={t('members')}>
              {members.map((member) => (
                <MemberRow key={member.userId} clientId={clientId} client={client} member={member} />
              ))}
            </ul>
          )
        }
      </QueryView>
      <LinkMember clientId={clientId} client={client} hasMembers={(query.data?.length ?? 0) > 0} />
    </Card>
  );
}
