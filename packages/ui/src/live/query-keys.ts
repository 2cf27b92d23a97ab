/**
 * The query keys live events invalidate, as one interface. Until the data layer's own key scheme
 * (`data/keys.ts`) lands, `defaultLiveKeys` follows TanStack's usual factory shape
 * (`[resource]` ⊃ `[resource, 'list', filters?]`, `[resource, 'detail', id, ...part]`); pointing
 * live updates at data/keys.ts is then an object of one-line adapters passed as `keys` (or in
 * place of this default). Keys match by prefix: a detail key also covers the parts under it.
 */
export type QueryKey = readonly unknown[];

export interface LiveKeys {
  /** Every visit query (what a `refetch` on the visits channel reloads). */
  allVisits(): QueryKey;
  /** Every list of visits (schedules, today's visits, calendars), whatever the filters. */
  visitLists(): QueryKey;
  /** One visit and everything under it (EVV state, due medications). */
  visit(id: string): QueryKey;
  /** Every EVV exception queue (supervisors'). */
  evvExceptionLists(): QueryKey;
  /** Free workers for a slot: bookings change who is free. */
  workerAvailability(): QueryKey;
  allBudgets(): QueryKey;
  budget(id: string): QueryKey;
  /** The budgets a client's visits count against (committed on booking, spent on check-out). */
  clientBudgets(clientId: string): QueryKey;
  /** The inbox: lists and the unread count. */
  notifications(): QueryKey;
  allConversations(): QueryKey;
  /** Every list of conversations (unread counts, last message). */
  conversationLists(): QueryKey;
  /** One conversation and its messages. */
  conversation(id: string): QueryKey;
  allEmergencies(): QueryKey;
  emergencyLists(): QueryKey;
  emergency(id: string): QueryKey;
  carePlanLists(): QueryKey;
  carePlan(id: string): QueryKey;
}

export const defaultLiveKeys: LiveKeys = {
  allVisits: () => ['visits'],
  visitLists: () => ['visits', 'list'],
  visit: (id) => ['visits', 'detail', id],
  evvExceptionLists: () => ['evv-exceptions', 'list'],
  workerAvailability: () => ['workers', 'available'],
  allBudgets: () => ['budgets'],
  budget: (id) => ['budgets', 'detail', id],
  // Budgets are keyed by their own id and visit events name the client: every budget query is refreshed.
  clientBudgets: () => ['budgets'],
  notifications: () => ['notifications'],
  allConversations: () => ['conversations'],
  conversationLists: () => ['conversations', 'list'],
  conversation: (id) => ['conversations', 'detail', id],
  allEmergencies: () => ['emergencies'],
  emergencyLists: () => ['emergencies', 'list'],
  emergency: (id) => ['emergencies', 'detail', id],
  carePlanLists: () => ['careplans', 'list'],
  carePlan: (id) => ['careplans', 'detail', id],
};
