'use client';

import type { MessageView } from '@caretracker/shared';
import { Alert, Button, ButtonLink, Card, fieldStyles, LoadingState, NotFoundState } from '@caretracker/ui/components';
import { QueryView, useErrorMessage } from '@caretracker/ui/data';
import { PageHeader, useSession } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useConversation, useMarkRead, usePostMessage, useThread } from '@/lib/portal-data';
import { useWords } from '@/lib/use-words';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/messages?c=<id>`: one thread, marked read on opening, with a reply box; others' threads are not found. */
export function ThreadScreen({ id }: { id: string }) {
  const t = useTranslations('portal.messages');
  const valid = UUID.test(id);
  const conversation = useConversation(id, valid);
  const title = conversation.data?.subject ?? t('thread');
  const notFound = <NotFoundState action={<ButtonLink href="/messages">{t('back')}</ButtonLink>} />;
  return (
    <div aria-busy={valid && conversation.isPending}>
      <PageHeader title={title} breadcrumbs={[{ href: '/messages', label: t('back') }]} />
      {valid ? (
        <QueryView query={conversation} loading={<LoadingState lines={5} />} notFound={notFound}>
          {() => <Thread id={id} />}
        </QueryView>
      ) : (
        notFound
      )}
    </div>
  );
}

function Thread({ id }: { id: string }) {
  const t = useTranslations('portal.messages');
  const thread = useThread(id, true);
  const markRead = useMarkRead(id);
  const newest = thread.data?.at(-1)?.id;
  // Reading the thread moves the read receipt (the home's unread count follows).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per newest message
  useEffect(() => {
    if (newest) markRead.mutate();
  }, [newest]);
  return (
    <div className="flex flex-col gap-6">
      <QueryView query={thread} loading={<LoadingState lines={5} />}>
        {(messages) =>
          messages.length === 0 ? (
            <p className="text-ink text-lg">{t('empty')}</p>
          ) : (
            <ol className="flex flex-col gap-4" aria-label={t('thread')}>
              {messages.map((message) => (
                <Message key={message.id} message={message} />
              ))}
            </ol>
          )
        }
      </QueryView>
      <Reply id={id} />
    </div>
  );
}

function Message({ message }: { message: MessageView }) {
  const t = useTranslations('portal.messages');
  const words = useWords();
  const { me } = useSession();
  const mine = message.senderId === me.id;
  return (
    <li
      className={`max-w-prose rounded-card border p-4 ${mine ? 'self-end border-brand bg-brand-soft' : 'border-border-subtle bg-surface'}`}
    >
      <p className="font-bold text-ink">
        {mine ? t('you') : words.name(message.sender)}{' '}
        <span className="font-normal text-ink-muted">· {words.when(message.createdAt)}</span>
      </p>
      <p className="mt-1 whitespace-pre-line text-ink text-lg">{message.body}</p>
    </li>
  );
}

function Reply({ id }: { id: string }) {
  const t = useTranslations('portal.messages');
  const describe = useErrorMessage();
  const post = usePostMessage(id);
  const ids = useId();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setError(t('writeSomething'));
      return;
    }
    setError(null);
    post.mutate(body.trim(), { onSuccess: () => setBody('') });
  }

  return (
    <Card title={t('reply')}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-3">
        {post.isError && <Alert tone="error">{describe(post.error)}</Alert>}
        <label htmlFor={`${ids}-body`} className={`${fieldStyles.label} text-lg`}>
          {t('yourMessage')}
        </label>
        <textarea
          id={`${ids}-body`}
          rows={4}
          maxLength={5000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${ids}-error` : undefined}
          className={`${fieldStyles.control} py-2 text-lg`}
        />
        {error && (
          <p id={`${ids}-error`} className={fieldStyles.error}>
            {error}
          </p>
        )}
        <Button type="submit" isPending={post.isPending} className="self-start text-lg">
          {t('send')}
        </Button>
      </form>
    </Card>
  );
}
