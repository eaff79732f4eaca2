/**
 * The explorer's sign-in, as Altair scripts (plain JavaScript run by the browser, not by Node).
 *
 * Altair runs a window's pre-request script before each request it sends, in a Web Worker of the
 * page, as the body of `async (altair, alert) => { <script>; return altair.data; }`: so the script
 * never `return`s at its top level (its inner function does), and it sets the header through the
 * environment's `headers`, which Altair adds to the request after the script has run. An anonymous
 * window (no `email` in the environment) sends no Authorization header at all: the API treats any
 * Authorization header as a token to check (libs/core/src/auth/auth.guard.ts).
 *
 * The session (access and refresh token) is kept only in the browser, in Altair's own storage,
 * keyed by e-mail; the access token is refreshed through the `refreshToken` mutation when less than
 * 20 seconds of it are left, measured on the browser's clock from the token's own lifetime
 * (`exp - iat`), so that a browser whose clock is off still refreshes in time. README.md,
 * "Exploring the API", tells users how to use it; e2e/core/explorer.e2e-spec.ts runs it against the
 * real API.
 */
export const SIGN_IN_SCRIPT = String.raw`// Signs in to the API for this window (README.md, "Exploring the API").
// Pick an environment (top right: a demo user) or set email and password in one;
// code: the 6 digits of your authenticator app when your account has a second factor.
// No email: anonymous, the public operations only. The session stays in this browser.
await (async () => {
  const email = String(altair.helpers.getEnvironment('email') || '').trim();
  if (!email) return;
  const password = String(altair.helpers.getEnvironment('password') || '');
  const code = String(altair.helpers.getEnvironment('code') || '').trim();
  const url = altair.data.url || '/graphql';
  const key = 'dsb.session.' + email.toLowerCase();
  const fields = '{ accessToken refreshToken totpEnrollmentRequired user { email role } }';
  const call = async (query, variables) => {
    let body = await altair.helpers.request('POST', url, { body: { query, variables }, headers: { 'content-type': 'application/json' } });
    if (typeof body === 'string') body = JSON.parse(body);
    return body || {};
  };
  const lifetimeOf = (token) => {
    try {
      const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return (claims.exp - claims.iat) * 1000;
    } catch (e) {
      return 60 * 1000;
    }
  };
  const keep = async (payload) => {
    const session = {
      accessToken: payload.accessToken,
      refreshToken: payload.refreshToken,
      expiresAt: Date.now() + lifetimeOf(payload.accessToken),
    };
    await altair.storage.set(key, session);
    return session;
  };
  let session = await altair.storage.get(key);
  if (!session || !(session.expiresAt - 20 * 1000 > Date.now())) {
    const refreshed = session && session.refreshToken
      ? await call('mutation Refresh($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) ' + fields + ' }', { refreshToken: session.refreshToken })
      : {};
    if (refreshed.data && refreshed.data.refreshToken) {
      session = await keep(refreshed.data.refreshToken);
    } else {
      if (!password) throw new Error('Set password in the environment to sign in as ' + email);
      const answer = await call(
        'mutation SignIn($email: String!, $password: String!, $code: String) { login(email: $email, password: $password, code: $code) ' + fields + ' }',
        { email, password, code: code || null },
      );
      if (!answer.data || !answer.data.login) {
        await altair.storage.set(key, null);
        const error = (answer.errors || [])[0] || {};
        const reason = (error.extensions && (error.extensions.domainCode || error.extensions.code)) || 'NO_ANSWER';
        const hint = reason === 'MFA_CODE_REQUIRED' || reason === 'INVALID_TOTP_CODE'
          ? ': put the code your authenticator app shows (or a recovery code) in the environment as code, and send again'
          : '';
        throw new Error('Sign-in as ' + email + ' refused (' + reason + ') ' + (error.message || '') + hint);
      }
      session = await keep(answer.data.login);
      if (answer.data.login.totpEnrollmentRequired) {
        alert('Your role needs a second factor: this sign-in may only enrol one (EnrolSecondFactor, then ConfirmSecondFactor).');
      }
    }
  }
  altair.helpers.setEnvironment('headers', Object.assign({}, altair.helpers.getEnvironment('headers') || {}, { Authorization: 'Bearer ' + session.accessToken }));
})();
`;

/**
 * Run by Altair after each answer: an answer refusing the token (a sign-in revoked by a logout,
 * a deactivation or a reset of the second factor; README.md, "Sign-in") forgets the stored
 * session, so that the next request signs in afresh instead of sending a dead token until it
 * would have expired.
 */
export const SIGN_OUT_ON_REFUSAL_SCRIPT = String.raw`// Forgets this window's session when the API refused its token, so that the next send signs in again.
await (async () => {
  const email = String(altair.helpers.getEnvironment('email') || '').trim();
  if (!email || !altair.response) return;
  let body = altair.response.body;
  if (typeof body === 'string') {
    try { body = JSON.parse(body); } catch (e) { body = {}; }
  }
  const refused = ((body && body.errors) || []).some((e) => e.extensions && e.extensions.domainCode === 'INVALID_TOKEN');
  if (refused) {
    await altair.storage.set('dsb.session.' + email.toLowerCase(), null);
    alert('The API refused the session of ' + email + ': send again to sign in afresh.');
  }
})();
`;
