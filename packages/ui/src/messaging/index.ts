// `@caretracker/ui/messaging`: the one messaging UI of the apps (conversations, a thread with its
// reply box, starting a conversation), over the messages API; live events refresh it.
export { ConversationList } from './conversation-list';
export { useMessageWords } from './message-words';
export { MessagesScreen, type MessagesScreenProps } from './messages-screen';
export {
  useClientsToWriteAbout,
  useConversation,
  useConversations,
  useMarkRead,
  usePostMessage,
  useStartConversation,
  useThread,
  useUnreadMessages,
} from './messaging-data';
export { NewConversation } from './new-conversation';
export { MessageBox, ThreadScreen, type ThreadScreenProps } from './thread';
