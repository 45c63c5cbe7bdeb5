/**
 * The admin page of a team server: the users, their roles, a new user (its generated password
 * shown once), a password reset. It reads the admin store and calls its actions; it is handed
 * the AdminService (store/admin) by whoever mounts it, and builds nothing itself.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { ROLES, type Role } from '../../core/sync';
import type { AdminService, AdminState } from '../../store/admin';
import { Dialog } from '../common/Dialog';
import './admin.css';

const ROLE_LABEL: Record<Role, string> = { annotator: 'annotator', reviewer: 'reviewer', admin: 'admin' };

function RoleSelect({ value, onChange, disabled, testId, label }: { value: Role; onChange: (role: Role) => void; disabled?: boolean; testId: string; label: string }) {
  return (
    <select className="input admin-page__role" value={value} disabled={disabled} aria-label={label} data-testid={testId} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABEL[role]}
        </option>
      ))}
    </select>
  );
}

export function AdminPage({ admin }: { admin: AdminService }) {
  const state = useStore(admin.store, (s: AdminState) => s);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('annotator');
  if (!state.open) return null;

  const add = async () => {
    if (await admin.add(username, role)) setUsername('');
  };

  return (
    <Dialog
      title="Users"
      testId="admin-page"
      className="admin-page"
      onClose={admin.close}
      // This page owns the keyboard while it is open: no key reaches the studio behind it.
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Escape') admin.close();
      }}
      actions={
        <button className="btn" onClick={admin.close} data-testid="admin-close">
          Close <span className="kbd">Esc</span>
        </button>
      }
    >
      <p className="modal__hint">Everyone on this server, with their role. Roles are enforced by the server on every request.</p>
      {state.error && (
        <p className="admin-page__error" role="alert" data-testid="admin-error">
          {state.error}
        </p>
      )}
      {state.revealed && (
        <div className="admin-page__password" role="status" data-testid="admin-password">
          <div>
            {state.revealed.reason === 'added' ? 'New user' : 'New password for'} <strong>{state.revealed.username}</strong>:{' '}
            <code data-testid="admin-password-value">{state.revealed.password}</code>
          </div>
          <div className="admin-page__password-note">
            Shown once — the server keeps only its hash. Give it to {state.revealed.username} now.
            {state.revealed.reason === 'reset' && ' Their sessions and API tokens have ended.'}
          </div>
          <button className="btn btn--small" onClick={admin.dismissPassword} data-testid="admin-password-done">
            Done
          </button>
        </div>
      )}
      <table className="admin-page__table" data-testid="admin-users" aria-busy={state.loading}>
        <thead>
          <tr>
            <th>User</th>
            <th>Role</th>
            <th>Since</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {state.users.map((user) => (
            <tr key={user.username} data-testid="admin-user" data-username={user.username} data-role={user.role}>
              <td className="admin-page__name">
                {user.username}
                {user.disabled && <span className="chip chip--warn">disabled</span>}
              </td>
              <td>
                <RoleSelect
                  value={user.role}
                  disabled={state.busy !== null}
                  label={`Role of ${user.username}`}
                  testId="admin-user-role"
                  onChange={(next) => void admin.setRole(user.username, next)}
                />
              </td>
              <td className="admin-page__since">{user.createdAt.slice(0, 10)}</td>
              <td>
                <button className="btn btn--small" disabled={state.busy !== null} onClick={() => void admin.resetPassword(user.username)} data-testid="admin-user-reset">
                  Reset password
                </button>
              </td>
            </tr>
          ))}
          {state.loading && state.users.length === 0 && (
            <tr>
              <td colSpan={4}>Loading…</td>
            </tr>
          )}
        </tbody>
      </table>
      <form
        className="admin-page__add"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <input className="input" placeholder="user name" value={username} onChange={(e) => setUsername(e.target.value)} aria-label="New user's name" data-testid="admin-add-name" />
        <RoleSelect value={role} onChange={setRole} label="New user's role" testId="admin-add-role" />
        <button className="btn btn--primary" type="submit" disabled={!username.trim() || state.busy !== null} data-testid="admin-add">
          Add user
        </button>
      </form>
    </Dialog>
  );
}
