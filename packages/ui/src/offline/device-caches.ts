/**
 * Empties this origin's Cache Storage at sign-out, except a service worker's precache (named
 * `…-precache-…`: the build's files and the empty page frames, the same for every user). What goes:
 * the pages as last loaded and any cached answer, so a shared phone keeps nothing of the last
 * session. Never fails: no Cache Storage (an insecure origin, private mode) means nothing is stored.
 */
export async function clearRuntimeCaches(): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => !name.includes('-precache-')).map((name) => caches.delete(name)));
  } catch {
    // Nothing readable, nothing kept.
  }
}
