"""Demo organisation and catalogue (`flask seed-demo`)."""
