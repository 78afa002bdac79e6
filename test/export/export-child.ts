/**
 * One export in a fresh process, so that peak RSS is the export's alone (what `hyperscope export` runs):
 *   node --import tsx test/export/export-child.ts FORMAT FILE OUT
 * Prints JSON: `{ ms, peakRssMiB, bytes }`.
 */
import { defaultKind, exportProfile, type ExportFormat } from '../../core/export/export-profile';
import { readProfileInput } from '../../main/export/read-profile-input';
import { writeExport } from '../../main/export/write-export';

const [format, file, out] = process.argv.slice(2) as [ExportFormat, string, string];
const start = performance.now();
const set = await readProfileInput(file);
const bytes = await writeExport(exportProfile(set, format, defaultKind(set, format), 'large'), out);
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, peakRssMiB: process.resourceUsage().maxRSS / 1024, bytes }));
