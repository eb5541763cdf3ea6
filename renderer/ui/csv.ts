/** A table made in the page (a concordance, a word list, the library) as a CSV file's text. */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { CSV_TABLE_OPTIONS } from '../../app/common/formats';

export function csvOf(header: string[], rows: (string | number)[][]): string {
  return stringify([header, ...rows], CSV_TABLE_OPTIONS);
}
