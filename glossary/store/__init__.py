"""The YAML store: loading for editing with positioned errors, the read-only road and its
cache, atomic files and locks, and the checks beyond the schema."""
