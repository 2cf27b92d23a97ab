'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Card } from '../components/card';
import { Select } from '../components/select';
import { TextField } from '../components/text-field';
import { useErrorMessage } from '../data/error-message';
import { useMessageWords } from './message-words';
import { useClientsToWriteAbout, useStartConversation } from './messaging-data';
import { MessageBox } from './thread';

/**
 * Starting a conversation about one of the user's clients: the API makes the client's care team
 * (the client, their workers and supervisor) its participants, so the form says who will read it.
 */
export function NewConversation({ onCancel }: { onCancel: () => void }) {
  const t = useTranslations('messaging');
  const words = useMessageWords();
  const describe = useErrorMessage();
  const router = useRouter();
  const clients = useClientsToWriteAbout(true);
  const start = useStartConversation();
  const [clientId, setClientId] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<{ client?: string; subject?: string; body?: string }>({});
  const chosen = clients.data?.find((c) => c.id === clientId);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      ...(clientId ? {} : { client: t('chooseClient') }),
      ...(subject.trim() ? {} : { subject: t('writeSubject') }),
      ...(body.trim() ? {} : { body: t('writeSomething') }),
    };
    setErrors(found);
    if (Object.keys(found).length > 0 || !clientId) return;
    start.mutate(
      { clientId, subject: subject.trim(), message: body.trim() },
      { onSuccess: (conversation) => router.push(`/messages?c=${conversation.id}`) },
    );
  }

  return (
    <Card title={t('newTitle')}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-3">
        {start.isError && <Alert tone="error">{describe(start.error)}</Alert>}
        {clients.isError && <Alert tone="error">{describe(clients.error)}</Alert>}
        <Select
          label={t('aboutClient')}
          options={(clients.data ?? []).map((c) => ({ id: c.id, label: words.name(c) }))}
          selectedKey={clientId}
          onSelectionChange={(key) => setClientId(key === null ? null : String(key))}
          {...(errors.client ? { error: errors.client } : {})}
        />
        {chosen && <p className="text-ink">{t('whoReads', { name: words.name(chosen) })}</p>}
        <TextField
          label={t('subject')}
          value={subject}
          onChange={setSubject}
          maxLength={200}
          {...(errors.subject ? { error: errors.subject } : {})}
        />
        <MessageBox value={body} onChange={setBody} error={errors.body ?? null} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" isPending={start.isPending} className="text-lg">
            {t('startSend')}
          </Button>
          <Button variant="secondary" onPress={onCancel}>
            {t('cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
