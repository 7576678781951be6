"""Human tasks: an indexed projection of the engine's ready user tasks, and completing them."""
