import type { Database } from '@caretracker/database';
import type { Config } from '../../config/config';
import type { AccountService } from '../auth/account-service';
import type { SessionStore } from '../auth/sessions';
import type { AuditService } from '../audit/service';

export interface UsersDeps {
  db: Database;
  config: Config;
  audit: AuditService;
  sessions: SessionStore;
  account: AccountService;
}

export type UsersService = ReturnType<typeof createUsersService>;

// PLACEHOLDER being replaced by the users module (list, read, create, update, delete with the role matrix).
export function createUsersService(deps: UsersDeps) {
  return { deps };
}
