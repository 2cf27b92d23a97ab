import type { Formats } from 'next-intl';

/**
 * Named formats, so every screen writes a date the same way: `format.dateTime(date, 'visitTime')`.
 * The zone is the user's (next-intl's timeZone), never the device's.
 */
export const formats = {
  dateTime: {
    date: { year: 'numeric', month: 'short', day: 'numeric' },
    dateLong: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
    time: { hour: 'numeric', minute: '2-digit' },
    dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
    weekdayTime: { weekday: 'short', hour: 'numeric', minute: '2-digit' },
  },
  number: {
    money: { style: 'currency', currency: 'USD' },
    percent: { style: 'percent', maximumFractionDigits: 0 },
  },
} satisfies Formats;
