"""Web security of the whole application: the secret key, the session cookie, page sessions that a logout
revokes, security headers on every response and the trusted-proxy setting. ``init_security`` wires them
into the app; nothing here knows about cases."""
