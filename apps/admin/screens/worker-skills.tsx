'use client';

import type { UserView } from '@caretracker/shared';
import { Alert, Button, Card, TextField, toast } from '@caretracker/ui/components';
import { useErrorMessage } from '@caretracker/ui/data';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useUpdatePerson } from '@/lib/people-api';

const MAX_SKILL = 100;

/** A worker's skills (what visits may require of them): add, remove, save. */
export function WorkerSkills({ person, canEdit }: { person: UserView; canEdit: boolean }) {
  const t = useTranslations('person.skills');
  const describe = useErrorMessage();
  const update = useUpdatePerson(person.id);
  const saved = person.profile?.skills ?? [];
  const [skills, setSkills] = useState<string[]>(saved);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const changed = skills.join('\n') !== saved.join('\n');

  const add = () => {
    const skill = typed.trim();
    if (!skill) return setError(t('empty'));
    if (skill.length > MAX_SKILL) return setError(t('tooLong', { count: MAX_SKILL }));
    if (skills.some((known) => known.toLowerCase() === skill.toLowerCase())) return setError(t('duplicate'));
    setError(undefined);
    setSkills([...skills, skill]);
    setTyped('');
  };

  return (
    <Card title={t('title')} description={t('description')}>
      {skills.length === 0 ? (
        <p className="mb-3 text-ink-muted">{t('none')}</p>
      ) : (
        <ul className="mb-3 flex flex-wrap gap-2" aria-label={t('title')}>
          {skills.map((skill) => (
            <li
              key={skill}
              className="flex items-center gap-1 rounded-full border border-border-subtle py-0.5 pr-1 pl-3"
            >
              <span>{skill}</span>
              {canEdit && (
                <Button
                  variant="quiet"
                  aria-label={t('remove', { skill })}
                  onPress={() => setSkills(skills.filter((known) => known !== skill))}
                >
                  ×
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          noValidate
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <div className="flex flex-wrap items-end gap-2">
            <TextField
              label={t('add')}
              hint={t('addHint')}
              value={typed}
              onChange={setTyped}
              error={error}
              className="min-w-0 flex-1"
            />
            <Button type="submit" variant="secondary">
              {t('addButton')}
            </Button>
          </div>
          {update.error && <Alert tone="error">{describe(update.error)}</Alert>}
          <Button
            className="self-start"
            isDisabled={!changed}
            isPending={update.isPending}
            onPress={() =>
              update.mutate(
                { profile: { skills }, version: person.version },
                { onSuccess: () => toast.success(t('saved')) },
              )
            }
          >
            {t('save')}
          </Button>
        </form>
      )}
    </Card>
  );
}
