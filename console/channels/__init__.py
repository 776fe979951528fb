"""Inbound channels: reading e-mail, mailbox files, exports and webhooks into the inbox."""
