/**
 * Who may do what on a team server. The server enforces this on every request; the studio
 * reads the same table only to hide what the user cannot do.
 */

export type Role = 'annotator' | 'reviewer' | 'admin';

export const ROLES: readonly Role[] = ['annotator', 'reviewer', 'admin'];

/**
 * - read: see projects, samples, comments, the audit log
 * - comment: write and resolve review comments
 * - edit: change samples (traces, hints, continuations), import, mark ready / back to draft
 * - review: approve, request changes, reject, reopen
 * - assign: give samples to annotators and reviewers
 * - admin: users, projects and their settings
 */
export type Capability = 'read' | 'comment' | 'edit' | 'review' | 'assign' | 'admin';

export const CAPABILITIES: Record<Role, readonly Capability[]> = {
  annotator: ['read', 'comment', 'edit'],
  reviewer: ['read', 'comment', 'review', 'assign'],
  admin: ['read', 'comment', 'edit', 'review', 'assign', 'admin'],
};

export function can(role: Role, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
