"""Public progress query (办件查询) without login: case number + 查询码, throttled per client and per case."""
