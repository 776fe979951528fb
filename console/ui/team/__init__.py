"""Team mode in the window: sign-in, the team store connection, people, the local profile."""
