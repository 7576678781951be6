"""电子监察: warning levels of running cases from declarative rules, yellow/red cards and appeals, statistics."""
