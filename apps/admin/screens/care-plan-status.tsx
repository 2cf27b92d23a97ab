'use client';

import type { CarePlanStatus, CarePlanView } from '@caretracker/shared';

import { Alert, Button, Dialog, type Option, Select, TextField, toast } from '@caretracker/ui/components';
import { useErrorMessage } from '@caretracker/ui/data';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useCarePlanWrites } from '@/lib/care-plan-api';
import { PLAN_TRANSITIONS } from './care-plan-vocabulary';

/** Approve a draft (it becomes the client's active plan), with an optional note kept on the version. */
function ApproveButton({ plan }: { plan: CarePlanView }) {
  const t = useTranslations('carePlan.approve');
  const describe = useErrorMessage();
  const { approve } = useCarePlanWrites(plan.id);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  return (
    <>
      <Button onPress={() => setOpen(true)}>{t('button')}</Button>
      {open && (
        <Dialog title={t('title', { plan: plan.title })} isOpen onOpenChange={setOpen}>
          <form
            noValidate
            className="flex flex-col gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              approve.mutate(note.trim() || undefined, {
                onSuccess: () => {
                  setOpen(false);
                  toast.success(t('done'));
                },
              });
            }}
          >
            <p>{t('body')}</p>
            {approve.error && <Alert live="assertive">{describe(approve.error)}</Alert>}
            <TextField label={t('note')} hint={t('noteHint')} value={note} onChange={setNote} maxLength={500} />
            <div className="flex flex-wrap gap-3">
              <Button type="submit" isPending={approve.isPending}>
                {t('confirm')}
              </Button>
              <Button variant="secondary" onPress={() => setOpen(false)}>
                {t('cancel')}
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}

/** Put on hold, resume, complete or discontinue, always with a reason (only the moves the plan allows). */
function StatusButton({ plan, allowed }: { plan: CarePlanView; allowed: readonly CarePlanStatus[] }) {
  const t = useTranslations('carePlan.status');
  const describe = useErrorMessage();
  const { status } = useCarePlanWrites(plan.id);
  const [open, setOpen] = useState(false);
  const [next, setNext] = useState<CarePlanStatus>(allowed[0]!);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const options: Option[] = allowed.map((value) => ({ id: value, label: t(`to.${value}`) }));
  return (
    <>
      <Button
        variant="secondary"
        onPress={() => {
          // The plan may have moved since this was last open (a draft approved): start from its first allowed move.
          setNext(allowed[0]!);
          setOpen(true);
        }}
      >
        {t('button')}
      </Button>
      {open && (
        <Dialog title={t('title', { plan: plan.title })} isOpen onOpenChange={setOpen}>
          <form
            noValidate
            className="flex flex-col gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              if (!reason.trim()) return setError(t('reasonRequired'));
              setError(undefined);
              status.mutate(
                { status: next, reason: reason.trim() },
                {
                  onSuccess: () => {
                    setOpen(false);
                    toast.success(t('done', { status: t(`now.${next}`) }));
                  },
                },
              );
            }}
          >
            {status.error && <Alert live="assertive">{describe(status.error)}</Alert>}
            <Select
              label={t('new')}
              options={options}
              selectedKey={next}
              onSelectionChange={(key) => setNext(String(key) as CarePlanStatus)}
            />
            <TextField
              label={t('reason')}
              multiline
              rows={2}
              value={reason}
              onChange={setReason}
              error={error}
              isRequired
              maxLength={500}
            />
            <div className="flex flex-wrap gap-3">
              <Button
                type="submit"
                variant={next === 'DISCONTINUED' ? 'danger' : 'primary'}
                isPending={status.isPending}
              >
                {t('confirm')}
              </Button>
              <Button variant="secondary" onPress={() => setOpen(false)}>
                {t('cancel')}
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}

export function CarePlanActions({ plan, onEdit }: { plan: CarePlanView; onEdit: () => void }) {
  const t = useTranslations('carePlan');
  const allowed = PLAN_TRANSITIONS[plan.status];
  const editable = plan.status !== 'COMPLETED' && plan.status !== 'DISCONTINUED';
  return (
    <span className="flex flex-wrap gap-2">
      {plan.status === 'DRAFT' && <ApproveButton plan={plan} />}
      {editable && (
        <Button variant="secondary" onPress={onEdit}>
          {t('editButton')}
        </Button>
      )}
      {allowed.length > 0 && <StatusButton plan={plan} allowed={allowed} />}
    </span>
  );
}
