"""Window paperwork: the numbered written notices of a window decision (受理 / 一次性补正 /
不予受理) as PDF."""
