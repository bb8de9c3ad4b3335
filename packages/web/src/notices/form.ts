/** Turning what an analyst typed into API values. Pure. */

/** One URL per line (blank lines ignored) → the notice's items; none → undefined (the API's default). */
export function parseItems(text: string): { url: string }[] | undefined {
  const urls = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return urls.length > 0 ? urls.map((url) => ({ url })) : undefined;
}

/**
 * A `datetime-local` input's value (the analyst's own time zone) → epoch milliseconds; empty →
 * undefined (the API then uses "now"); unreadable → NaN, which the API refuses beside the field.
 */
export function localDateTimeToEpoch(value: string): number | undefined {
  if (!value.trim()) return undefined;
  return new Date(value).getTime();
}

/** Epoch milliseconds → a `datetime-local` value in the browser's time zone (for defaults). */
export function epochToLocalDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}
