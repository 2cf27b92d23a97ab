'use client';

import type { VisitRatingView } from '@caretracker/shared';
import { Alert, Button, Card, Radio, RadioGroup, TextField } from '@caretracker/ui/components';
import { ApiError, useErrorMessage } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { useRateVisit } from '@/lib/portal-data';

const STARS = [1, 2, 3, 4, 5] as const;

/** Five stars drawn for the eye; the words beside them say the same for everyone else. */
function Stars({ count }: { count: number }) {
  return (
    <span aria-hidden="true" className="text-2xl text-warning tracking-widest">
      {'★'.repeat(count)}
      <span className="text-ink-muted">{'☆'.repeat(5 - count)}</span>
    </span>
  );
}

/**
 * "How was this visit?" on a completed visit: 1–5 stars and an optional comment, once per visit;
 * the client may change it until the API's window closes (the office reads it on its visit screen).
 */
export function RatingCard({ visitId, rating }: { visitId: string; rating: VisitRatingView | null }) {
  const t = useTranslations('portal.rating');
  const format = useFormat();
  const rate = useRateVisit(visitId);
  const describe = useErrorMessage();
  const editable = !rating || new Date(rating.editableUntil).getTime() > Date.now();
  const [editing, setEditing] = useState(!rating);
  const [stars, setStars] = useState<string>(rating ? String(rating.stars) : '');
  const [comment, setComment] = useState(rating?.comment ?? '');
  const [starsError, setStarsError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!stars) {
      setStarsError(t('starsRequired'));
      return;
    }
    setStarsError(null);
    try {
      await rate.mutateAsync({ stars: Number(stars), comment: comment.trim() || null });
      setEditing(false);
      setSaved(true);
    } catch {
      // Shown below from the mutation's error.
    }
  }

  const closed = rate.error instanceof ApiError && rate.error.status === 409;
  return (
    <Card title={t('title')} description={rating ? undefined : t('intro')}>
      {saved && (
        <Alert tone="success" live="polite" className="mb-4">
          {t('thanks')}
        </Alert>
      )}
      {rating && !editing && (
        <div className="flex flex-col gap-3 text-lg">
          <p className="flex flex-wrap items-center gap-3 text-ink">
            <Stars count={rating.stars} />
            <span>{t('yourRating', { stars: rating.stars })}</span>
          </p>
          {rating.comment && <p className="whitespace-pre-line text-ink">“{rating.comment}”</p>}
          {editable ? (
            <>
              <p className="text-ink-muted">{t('changeUntil', { date: format.dateLong(rating.editableUntil) })}</p>
              <Button
                variant="secondary"
                className="self-start"
                onPress={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t('change')}
              </Button>
            </>
          ) : (
            <p className="text-ink-muted">{t('final')}</p>
          )}
        </div>
      )}
      {editing && (
        <form noValidate onSubmit={submit} className="flex max-w-xl flex-col gap-5">
          {rate.isError && <Alert tone="error">{closed ? t('closed') : describe(rate.error)}</Alert>}
          <RadioGroup
            label={t('starsLabel')}
            value={stars}
            onChange={(value) => {
              setStars(value);
              setStarsError(null);
            }}
            error={starsError ?? undefined}
            isRequired
          >
            {STARS.map((n) => (
              <Radio key={n} value={String(n)} className="min-h-11 text-lg">
                {t(`star${n}`)}
              </Radio>
            ))}
          </RadioGroup>
          <TextField
            label={t('comment')}
            hint={t('commentHint')}
            multiline
            rows={3}
            maxLength={1000}
            value={comment}
            onChange={setComment}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" isPending={rate.isPending}>
              {rating ? t('saveChange') : t('send')}
            </Button>
            {rating && (
              <Button variant="secondary" onPress={() => setEditing(false)}>
                {t('keep')}
              </Button>
            )}
          </div>
        </form>
      )}
    </Card>
  );
}
