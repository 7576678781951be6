from tests.files.conftest import local_storage  # noqa: F401  (every test stores into its own directory)
from tests.frozen_clock import clock  # noqa: F401  (fixture)
