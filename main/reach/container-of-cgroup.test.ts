import { describe, expect, it } from 'vitest';
import { cgroupPathOf, containerOfCgroup } from './container-of-cgroup';

const ID = '4c1b8f3d9e2a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c';

describe('containerOfCgroup', () => {
  it.each([
    [`/system.slice/docker-${ID}.scope`, 'docker:4c1b8f3d9e2a'],
    [`/docker/${ID}`, 'docker:4c1b8f3d9e2a'],
    [
      `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0f1e2d3c_4b5a_6978_8a9b_0c1d2e3f4a5b.slice/cri-containerd-${ID}.scope`,
      'containerd:4c1b8f3d9e2a',
    ],
    [`/kubepods/burstable/pod0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/${ID}`, 'containerd:4c1b8f3d9e2a'],
    [`/kubepods.slice/kubepods-pod0f1e2d3c_4b5a.slice/crio-${ID}.scope`, 'cri-o:4c1b8f3d9e2a'],
    [`/machine.slice/libpod-${ID}.scope`, 'podman:4c1b8f3d9e2a'],
    [
      `/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-${ID}.scope/container`,
      'podman:4c1b8f3d9e2a',
    ],
    [`/libpod_parent/libpod-${ID}`, 'podman:4c1b8f3d9e2a'],
    ['/lxc.payload.web1', 'lxc:web1'],
    ['/lxc/web1', 'lxc:web1'],
    ['/machine.slice/machine-api\\x2dbox.scope/payload', 'nspawn:api-box'],
    ['/system.slice/orders-api.service', 'systemd:orders-api.service'],
  ])('names %s', (path, label) => {
    expect(containerOfCgroup(path)).toBe(label);
  });

  it.each([
    '/',
    '/user.slice/user-1000.slice/session-3.scope',
    '/user.slice/user-1000.slice/user@1000.service/app.slice/node.service',
    '/init.scope',
    '/process_api/6eb69cd049d16aa0961f743659a3979b',
  ])('leaves %s unnamed', (path) => {
    expect(containerOfCgroup(path)).toBeNull();
  });
});

describe('cgroupPathOf', () => {
  it('prefers the unified (v2) path', () => {
    expect(cgroupPathOf(`0::/system.slice/docker-${ID}.scope\n`)).toBe(`/system.slice/docker-${ID}.scope`);
  });

  it('falls back to the deepest v1 hierarchy when v2 is only the root (hybrid mode)', () => {
    const text = [
      '9:name=systemd:/',
      '8:pids:/docker/' + ID,
      '4:memory:/docker/' + ID,
      '2:cpu,cpuacct:/docker/' + ID,
      '0::/',
    ].join('\n');
    expect(cgroupPathOf(text)).toBe(`/docker/${ID}`);
  });

  it('is the root when everything is, and null for nothing', () => {
    expect(cgroupPathOf('0::/\n')).toBe('/');
    expect(cgroupPathOf('')).toBeNull();
  });
});
