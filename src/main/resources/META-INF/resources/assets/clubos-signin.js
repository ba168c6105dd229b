// Sign-in from ClubOS: ClubOS links a signed-in staff member to /#clubos_token=<their ClubOS JWT>.
// The fragment never reaches a server (nor its logs); it is taken out of the address bar at once,
// checked with the API, and kept like our own token. A bad, expired or wrong-role token lands on
// the sign-in page saying why.
import { keepToken, signOut } from './api.js';

const PARAMETER = 'clubos_token';

function roleOf(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).role;
  } catch (e) {
    return undefined;
  }
}

/** True once a ClubOS token in the fragment is adopted, false when there is none; else navigates away. */
export async function adoptClubosToken() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const jwt = fragment.get(PARAMETER);
  if (!jwt) return false;
  fragment.delete(PARAMETER);
  const rest = fragment.toString();
  history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
  let response = null;
  try {
    response = await fetch('/api/auth/me', { headers: { Authorization: `Bearer ${jwt}` } });
  } catch (e) {
    /* below */
  }
  if (response && response.ok) {
    keepToken(jwt);
    return true;
  }
  let notice;
  if (!response) notice = 'Could not reach Messages to check your ClubOS sign-in: try the link again.';
  else if (response.status === 403) {
    const role = roleOf(jwt);
    notice = `Your ClubOS role${role ? ` (${role})` : ''} cannot use Messages: only admin, operator and support staff can.`;
  } else notice = 'Your ClubOS sign-in is invalid or has expired: open Messages from ClubOS again, or sign in here.';
  signOut(notice);
  await new Promise(() => {}); // the page is going away
}
