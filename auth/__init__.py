"""Stride's accounts: passwords, RS256 tokens, keys and the account service."""
