"""Site-wide defences: who the client is, response headers, admin sign-in, faults, limits."""
