/**
 * The demo service as CommonJS, built to `out/demo/demo.cjs` by `scripts/build-node.mjs`:
 * `node out/demo/demo.cjs --scenario NAME --load` runs exactly what `hyperscope demo` runs (the same command,
 * arguments and code), but loaded by `require` as a CommonJS service is, with paths rather than `file://`
 * URLs in its stacks. Tests record every scenario in both module formats (test/scenario-matrix.test.ts).
 */
import { UserError } from '../main/cli/command';
import { demoCommand } from '../main/cli/commands/demo';

demoCommand.run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hyperscope demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UserError ? error.exitCode : 1;
  },
);
