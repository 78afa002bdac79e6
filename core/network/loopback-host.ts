/**
 * Whether a host is this machine. An inspector grants code execution to whoever reaches it and its
 * protocol is unencrypted, so anything else needs the user's explicit consent.
 */

/** True for `localhost`, 127.0.0.0/8, `::1` and `::ffff:127.0.0.1` (with or without brackets). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || bare === '::ffff:127.0.0.1'
  );
}
