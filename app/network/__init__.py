"""The service network: regions, centres, windows, departments, 通办 listings and 代办 (replaces organisation)."""
