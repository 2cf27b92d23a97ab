import { pageTitle } from '@caretracker/ui/shell/server';
import { MessagesLoader, ThreadLoader } from './messages-loader';

export const generateMetadata = pageTitle('messaging.title');

/** `/messages`: conversations with the care team; `/messages?c=<id>`: one of them. */
export default async function MessagesPage({ searchParams }: { searchParams: Promise<{ c?: string | string[] }> }) {
  const { c } = await searchParams;
  const id = Array.isArray(c) ? c[0] : c;
  return id ? <ThreadLoader id={id} /> : <MessagesLoader />;
}
