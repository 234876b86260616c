"""One check per module. Each takes the `CredentialState` and returns a `CheckResult`, or None
when the check does not apply to this credential."""
