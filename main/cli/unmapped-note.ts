/** The one stderr line a command prints when some scripts' source maps could not be used. */

/**
 * `hyperscope CMD: note: N script(s) without a usable source map, e.g. URL: REASON`, from `url: reason`
 * lines; the frames of those scripts are shown as they ran.
 */
export function unmappedNote(command: string, problems: readonly string[]): string {
  return `hyperscope ${command}: note: ${problems.length} script(s) without a usable source map, e.g. ${problems[0]}\n`;
}

/** A callback for `readProfileInput` that prints {@link unmappedNote} on stderr. */
export function printUnmappedNote(command: string): (problems: string[]) => void {
  return (problems) => void process.stderr.write(unmappedNote(command, problems));
}
