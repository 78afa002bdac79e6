/**
 * Names the container, pod or service a process runs in from its cgroup path, as Docker, containerd
 * (Kubernetes), CRI-O, Podman, LXC, systemd-nspawn and systemd lay their cgroups out. Pure: it reads
 * nothing, so it can be tested on real paths copied from those runtimes.
 */

/** Container ids are 64 hex digits; 12 is what `docker ps` shows. */
const SHORT_ID = 12;

/** Patterns tried on each path segment (innermost first), most specific first. */
const SEGMENT_RULES: Array<{ pattern: RegExp; label: (m: RegExpExecArray) => string }> = [
  // systemd cgroup driver: docker-<id>.scope, cri-containerd-<id>.scope, crio-<id>.scope, libpod-<id>.scope
  { pattern: /^docker-([0-9a-f]{64})\.scope$/, label: (m) => `docker:${short(m[1]!)}` },
  { pattern: /^cri-containerd-([0-9a-f]{64})\.scope$/, label: (m) => `containerd:${short(m[1]!)}` },
  { pattern: /^crio-([0-9a-f]{64})\.scope$/, label: (m) => `cri-o:${short(m[1]!)}` },
  { pattern: /^libpod-([0-9a-f]{64})(\.scope)?$/, label: (m) => `podman:${short(m[1]!)}` },
  // systemd-nspawn and machinectl: machine-<name>.scope under machine.slice
  { pattern: /^machine-(.+)\.scope$/, label: (m) => `nspawn:${unescapeSystemd(m[1]!)}` },
  // LXC 4+: lxc.payload.<name>; older LXC: lxc/<name> (handled by the parent rule below)
  { pattern: /^lxc\.payload\.(.+)$/, label: (m) => `lxc:${m[1]!}` },
];

/** cgroupfs driver: the runtime's directory, then the bare id (`/docker/<id>`, `/kubepods/…/<id>`). */
const PARENT_RULES: Array<{ parent: RegExp; label: string }> = [
  { parent: /^docker$/, label: 'docker' },
  { parent: /^pod[0-9a-f_-]{36}$/, label: 'containerd' },
  { parent: /^lxc$/, label: 'lxc' },
];

/**
 * A short label for the container a cgroup path belongs to — `docker:1a2b3c4d5e6f`,
 * `containerd:…` (Kubernetes pods), `cri-o:…`, `podman:…`, `lxc:NAME`, `nspawn:NAME` or a systemd
 * service such as `systemd:api.service` — or null when the path is the root, a login session or
 * nothing recognisable.
 */
export function containerOfCgroup(cgroupPath: string): string | null {
  const segments = cgroupPath.split('/').filter((s) => s !== '');
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i]!;
    for (const rule of SEGMENT_RULES) {
      const match = rule.pattern.exec(segment);
      if (match) return rule.label(match);
    }
    const parent = segments[i - 1];
    if (parent !== undefined) {
      const byParent = PARENT_RULES.find((r) => r.parent.test(parent));
      if (byParent && /^[0-9a-f]{64}$/.test(segment)) return `${byParent.label}:${short(segment)}`;
      if (byParent?.label === 'lxc') return `lxc:${segment}`;
    }
  }
  // A service of the system manager (not a login session, a user manager or init itself).
  const unit = segments.at(-1);
  if (segments[0] === 'system.slice' && unit?.endsWith('.service')) return `systemd:${unit}`;
  return null;
}

/**
 * The process's cgroup path from the text of /proc/PID/cgroup: the unified (v2) line `0::PATH`
 * when it names a cgroup, else the v1 `pids`, `memory` or `name=systemd` hierarchy, whichever is
 * deepest. Null when the text has none.
 */
export function cgroupPathOf(procCgroupText: string): string | null {
  const paths = new Map<string, string>();
  for (const line of procCgroupText.split('\n')) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    if (match) for (const controller of match[1]!.split(',')) paths.set(controller, match[2]!);
  }
  const unified = paths.get('');
  if (unified !== undefined && unified !== '/') return unified;
  const v1 = ['pids', 'memory', 'name=systemd']
    .map((c) => paths.get(c))
    .filter((p): p is string => p !== undefined)
    .sort((a, b) => b.length - a.length)[0];
  return v1 ?? unified ?? null;
}

function short(id: string): string {
  return id.slice(0, SHORT_ID);
}

/** systemd escapes '-' and other bytes in unit names as \xNN. */
function unescapeSystemd(name: string): string {
  return name.replace(/\\x([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
