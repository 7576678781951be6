from tests.frozen_clock import clock  # noqa: F401  (fixture)
