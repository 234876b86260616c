"""Proof suites: one module per suite, looked up by (proof type, cryptosuite) in `registry`."""
