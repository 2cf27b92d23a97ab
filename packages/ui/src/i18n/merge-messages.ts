/**
 * A tree of messages as next-intl takes it. A leaf is the message: its ICU text in the JSON
 * files (and in unit tests), or, in an app's build, the same message precompiled by next-intl's
 * loader (a string or an array).
 */
export interface MessageTree {
  [key: string]: string | readonly unknown[] | MessageTree;
}

function isTree(value: MessageTree[string] | undefined): value is MessageTree {
  return typeof value === 'object' && !Array.isArray(value);
}

/** The shared messages with an app's own merged over them (an app may add or override keys). */
export function mergeMessages(shared: MessageTree, app: MessageTree): MessageTree {
  const merged: MessageTree = { ...shared };
  for (const [key, value] of Object.entries(app)) {
    const base = merged[key];
    merged[key] = isTree(value) && isTree(base) ? mergeMessages(base, value) : value;
  }
  return merged;
}
