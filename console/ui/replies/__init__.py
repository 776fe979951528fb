"""The reply library window and the composer's reply palette."""
