import { pageTitle } from '@caretracker/ui/shell/server';
import { MessagesLoader } from '@/screens/inbox-loaders';

export const generateMetadata = pageTitle('messaging.title');

/** `/messages`: the conversations; `/messages?c=<id>`: one of them (beside the list on a wide screen). */
export default async function MessagesPage({ searchParams }: { searchParams: Promise<{ c?: string | string[] }> }) {
  const { c } = await searchParams;
  const id = Array.isArray(c) ? c[0] : c;
  return <MessagesLoader id={id} />;
}
