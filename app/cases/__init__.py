"""Cases (办件): window acceptance, the case record, its materials and its append-only history."""
