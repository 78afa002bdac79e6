/** How the target's entry point was loaded, as far as can be told from inside: see `AgentHello.moduleKind`. */
export function detectModuleKind(): 'commonjs' | 'module' | 'unknown' {
  const entry = process.argv[1];
  if (!entry) return 'unknown';
  if (entry.endsWith('.mjs')) return 'module';
  if (entry.endsWith('.cjs')) return 'commonjs';
  // The CommonJS loader sets `process.mainModule` for its entry; the ES-module loader does not.
  return (process as { mainModule?: unknown }).mainModule ? 'commonjs' : 'module';
}
