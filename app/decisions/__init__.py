"""Decision tables (DMN) edited in the browser, tested against the engine, reviewed by a second person and deployed."""
