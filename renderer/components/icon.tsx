/** A codicon (https://microsoft.github.io/vscode-codicons/), decorative unless given a label. */
export function Icon(props: { name: string; label?: string; spin?: boolean }) {
  const className = `codicon codicon-${props.name}${props.spin ? ' codicon-modifier-spin' : ''}`;
  return props.label ? (
    <span className={className} role="img" aria-label={props.label} />
  ) : (
    <span className={className} aria-hidden="true" />
  );
}
