import { pageTitle } from '@caretracker/ui/shell/server';
import { MessagesScreen, ThreadScreen } from './messages-screen';

export const generateMetadata = pageTitle('portal.messages.title');

/** `/messages`: the conversations; `/messages?c=<id>`: one of them. */
export default async function MessagesPage({ searchParams }: { searchParams: Promise<{ c?: string | string[] }> }) {
  const { c } = await searchParams;
  const id = Array.isArray(c) ? c[0] : c;
  return id ? <ThreadScreen id={id} /> : <MessagesScreen />;
}
