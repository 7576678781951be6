"""我的办事: applicant accounts of the portal — natural persons (citizen ID number) and enterprises (unified
social credit code) — separate from the staff users of app.accounts. They log in with a password (argon2, the
same hasher and throttle as the staff login) or through the province's 统一身份认证 (OpenID Connect), and see
their own online applications and cases in 我的办件.

The login is a server-side page session of kind "applicant" (app.security.sessions; never a staff session),
ended by the logout; ``session.py`` answers who is logged in and whether they own an application or a case, for the other portal pages."""
