import type { schema } from '@caretracker/database';
import { RATING_EDIT_DAYS, type VisitRatingView } from '@caretracker/shared';

type RatingRow = typeof schema.visitRatings.$inferSelect;

const DAY = 86_400_000;

/** Until when a rating may be changed: a set time after it was first given. */
export function ratingEditableUntil(row: Pick<RatingRow, 'createdAt'>): Date {
  return new Date(row.createdAt.getTime() + RATING_EDIT_DAYS * DAY);
}

export function shapeRating(row: RatingRow): VisitRatingView {
  return {
    stars: row.stars,
    comment: row.comment,
    ratedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    editableUntil: ratingEditableUntil(row).toISOString(),
  };
}
