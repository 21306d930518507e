/**
 * CSV text (RFC 4180): a header row from the first row's keys, fields quoted when they hold a comma, a quote or a
 * line break. Pure: the caller writes the file (sdk/kit/node/store.ts).
 */

/** One CSV row: column name to value (bigints and numbers printed in full, objects as JSON). */
export type CsvRow = Readonly<Record<string, unknown>>;

const field = (v: unknown): string => {
  const s =
    v === undefined || v === null
      ? ""
      : typeof v === "object"
        ? JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x))
        : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The rows as CSV, columns in the first row's key order (later rows' extra keys are ignored, missing ones empty);
 * `""` for no rows, else a trailing newline.
 *
 * @example
 * toCsv([{ day: 1, supply: 10n ** 24n, note: 'a "b"' }]); // 'day,supply,note\n1,1000000000000000000000000,"a ""b"""\n'
 */
export function toCsv(rows: readonly CsvRow[]): string {
  if (rows.length === 0) return "";
  const cols = Object.keys(rows[0]);
  return [cols.map(field).join(","), ...rows.map((r) => cols.map((c) => field(r[c])).join(","))].join("\n") + "\n";
}
