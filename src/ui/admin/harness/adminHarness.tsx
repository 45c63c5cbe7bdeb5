/** Mounts the admin page the way the composition root will: an HTTP AdminApi with the session's CSRF token, the page, its open command. */
import { createRoot } from 'react-dom/client';
import '../../theme/tokens.css';
import '../../theme/components.css';
import { adminCommands, createAdmin, httpAdminApi } from '../../../store/admin';
import { AdminPage } from '../AdminPage';

const session = (await (await fetch('/api/session')).json()) as { csrfToken?: string };
const admin = createAdmin(httpAdminApi({ csrfToken: () => session.csrfToken }));
const { openAdmin } = adminCommands(admin);

createRoot(document.getElementById('root')!).render(
  <>
    <button className="btn" data-testid="open-admin" onClick={() => void openAdmin.perform({ source: 'button', id: 'harness', write: () => false })}>
      {openAdmin.label}
    </button>
    <AdminPage admin={admin} />
  </>,
);
