"""Return and privacy rules: the rules panel and the compliance editor."""
