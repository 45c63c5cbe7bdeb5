import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../core/sync';
import type { ServerApi } from '../../store/sync/api';
import './login.css';
import { errorText } from '../../core/util';

/**
 * Sign-in to a team server (`hint-studio serve`), shown before the studio when nobody is
 * signed in. The server checks the password, throttles guesses and sets the session cookie;
 * this page only asks and says what the server answered.
 */
export function LoginPage({ api, onSignedIn }: { api: ServerApi; onSignedIn: (session: SessionInfo) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signIn(username.trim(), password));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login__card" onSubmit={(e) => void submit(e)} data-testid="login-form">
        <h1 className="login__title">
          Hint Studio <small>team server</small>
        </h1>
        <p className="login__help">Sign in with the account your admin gave you.</p>
        <label className="field">
          <span>User name</span>
          <input className="input" autoFocus autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} data-testid="login-username" required />
        </label>
        <label className="field">
          <span>Password</span>
          <input className="input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" required />
        </label>
        {error && (
          <p className="login__error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button className="btn btn--primary" type="submit" disabled={busy} data-testid="login-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
