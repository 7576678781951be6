"""Users, roles, API tokens and the authentication decorator."""
