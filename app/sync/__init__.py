"""Change capture, bundle format, merge and transports."""
