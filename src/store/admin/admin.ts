/**
 * The admin page's state and actions (headless: no React): the team's users, adding one with
 * a generated password shown once, changing a role, resetting a password. Every failure is kept
 * as a sentence for the page; nothing is retried behind the admin's back.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Role, UserInfo } from '../../core/sync';
import type { AdminApi } from './api';
import { errorText } from '../../core/util';

export interface RevealedPassword {
  username: string;
  password: string;
  /** Why it was made: a new user or a reset. */
  reason: 'added' | 'reset';
}

export interface AdminState {
  open: boolean;
  users: UserInfo[];
  loading: boolean;
  /** The last failure, in words (the server's own message). */
  error: string | null;
  /** The user an action is running for (its buttons wait). */
  busy: string | null;
  /** A generated password, shown until the admin dismisses it: the server never shows it again. */
  revealed: RevealedPassword | null;
}

export interface AdminService {
  store: StoreApi<AdminState>;
  open(): Promise<void>;
  close(): void;
  refresh(): Promise<void>;
  add(username: string, role: Role): Promise<boolean>;
  setRole(username: string, role: Role): Promise<boolean>;
  resetPassword(username: string): Promise<boolean>;
  dismissPassword(): void;
}


export function createAdmin(api: AdminApi): AdminService {
  const store = createStore<AdminState>()(() => ({ open: false, users: [], loading: false, error: null, busy: null, revealed: null }));
  const set = (patch: Partial<AdminState>) => store.setState(patch);

  /** Runs one action for `username`, turning a refusal into the page's error line. */
  async function act(username: string, what: string, work: () => Promise<void>): Promise<boolean> {
    set({ busy: username, error: null });
    try {
      await work();
      return true;
    } catch (err) {
      set({ error: `Could not ${what}: ${errorText(err)}` });
      return false;
    } finally {
      set({ busy: null });
    }
  }

  const replace = (user: UserInfo) => {
    const others = store.getState().users.filter((u) => u.username !== user.username);
    set({ users: [...others, user].sort((a, b) => a.username.localeCompare(b.username)) });
  };

  async function refresh(): Promise<void> {
    set({ loading: true, error: null });
    try {
      set({ users: await api.listUsers() });
    } catch (err) {
      set({ error: `Could not list the users: ${errorText(err)}` });
    } finally {
      set({ loading: false });
    }
  }

  return {
    store,
    async open() {
      set({ open: true, revealed: null });
      await refresh();
    },
    // Closing forgets a password still shown: it is never kept beyond the page.
    close: () => set({ open: false, revealed: null, error: null }),
    refresh,
    add: (username, role) =>
      act(username.trim(), `add “${username.trim()}”`, async () => {
        const { user, password } = await api.addUser(username.trim(), role);
        replace(user);
        set({ revealed: { username: user.username, password, reason: 'added' } });
      }),
    setRole: (username, role) => act(username, `make ${username} ${role}`, async () => replace(await api.setRole(username, role))),
    resetPassword: (username) =>
      act(username, `reset the password of ${username}`, async () => {
        set({ revealed: { username, password: await api.resetPassword(username), reason: 'reset' } });
      }),
    dismissPassword: () => set({ revealed: null }),
  };
}
