/** A tree of messages as next-intl takes it. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** The shared messages with an app's own merged over them (an app may add or override keys). */
export function mergeMessages(shared: MessageTree, app: MessageTree): MessageTree {
  const merged: MessageTree = { ...shared };
  for (const [key, value] of Object.entries(app)) {
    const base = merged[key];
    merged[key] = typeof value === 'object' && typeof base === 'object' ? mergeMessages(base, value) : value;
  }
  return merged;
}
