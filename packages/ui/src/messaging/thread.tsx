'use client';

import type { MessageView } from '@caretracker/shared';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Card } from '../components/card';
import { fieldStyles } from '../components/class-names';
import { ButtonLink } from '../components/link';
import { LoadingState } from '../components/skeleton';
import { NotFoundState } from '../components/states';
import { useErrorMessage } from '../data/error-message';
import { QueryView } from '../data/query-view';
import { PageHeader } from '../shell/page-header';
import { useSession } from '../shell/session';
import { useMessageWords } from './message-words';
import { useConversation, useMarkRead, usePostMessage, useThread } from './messaging-data';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ThreadScreenProps {
  id: string;
  /** The app's own queries that show unread counts, refreshed when the thread is read. */
  unreadKeys?: readonly (readonly unknown[])[];
}

/** `/messages?c=<id>`: one thread, marked read on opening, with a reply box; others' threads are not found. */
export function ThreadScreen({ id, unreadKeys }: ThreadScreenProps) {
  const t = useTranslations('messaging');
  const words = useMessageWords();
  const { me } = useSession();
  const valid = UUID.test(id);
  const conversation = useConversation(id, valid);
  const title = conversation.data?.subject ?? t('thread');
  const others = (conversation.data?.participants ?? []).filter((p) => p.userId !== me.id);
  const notFound = <NotFoundState action={<ButtonLink href="/messages">{t('back')}</ButtonLink>} />;
  return (
    <div aria-busy={valid && conversation.isPending}>
      <PageHeader
        title={title}
        breadcrumbs={[{ href: '/messages', label: t('back') }]}
        {...(others.length > 0
          ? { description: t('with', { names: others.map((p) => words.name(p)).join(', ') }) }
          : {})}
      />
      {valid ? (
        <QueryView query={conversation} loading={<LoadingState lines={5} />} notFound={notFound}>
          {() => <Thread id={id} unreadKeys={unreadKeys ?? []} />}
        </QueryView>
      ) : (
        notFound
      )}
    </div>
  );
}

function Thread({ id, unreadKeys }: { id: string; unreadKeys: readonly (readonly unknown[])[] }) {
  const t = useTranslations('messaging');
  const thread = useThread(id, true);
  const markRead = useMarkRead(id, unreadKeys);
  const newest = thread.data?.at(-1)?.id;
  // Reading the thread moves the read receipt (the unread counts follow).
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
  const t = useTranslations('messaging');
  const words = useMessageWords();
  const { me } = useSession();
  const mine = message.senderId === me.id;
  return (
    <li
      className={`max-w-prose break-words rounded-card border p-4 ${mine ? 'self-end border-brand bg-brand-soft' : 'border-border-subtle bg-surface'}`}
    >
      <p className="font-bold text-ink">
        {mine ? t('you') : words.name(message.sender)}{' '}
        <span className="font-normal text-ink-muted">· {words.when(message.createdAt)}</span>
      </p>
      <p className="mt-1 whitespace-pre-line text-ink text-lg">{message.body}</p>
    </li>
  );
}

/** The message box shared by a reply and a new conversation: a labelled textarea with its error. */
export function MessageBox({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | null;
}) {
  const t = useTranslations('messaging');
  const ids = useId();
  return (
    <>
      <label htmlFor={`${ids}-body`} className={`${fieldStyles.label} text-lg`}>
        {t('yourMessage')}
      </label>
      <textarea
        id={`${ids}-body`}
        rows={4}
        maxLength={5000}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${ids}-error` : undefined}
        className={`${fieldStyles.control} py-2 text-lg`}
      />
      {error && (
        <p id={`${ids}-error`} className={fieldStyles.error}>
          {error}
        </p>
      )}
    </>
  );
}

function Reply({ id }: { id: string }) {
  const t = useTranslations('messaging');
  const describe = useErrorMessage();
  const post = usePostMessage(id);
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
        <MessageBox value={body} onChange={setBody} error={error} />
        <Button type="submit" isPending={post.isPending} className="self-start text-lg">
          {t('send')}
        </Button>
      </form>
    </Card>
  );
}
