"""Service items (事项 / 实施清单) with their GB/T 39046-2020 elements and materials."""
