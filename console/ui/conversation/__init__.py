"""The open conversation: thread, composer, actions, drafts and safe sending."""
