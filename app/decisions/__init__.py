"""Decision tables (DMN) edited in the browser, tested against the engine, deployed after a second
person's review."""
