"""Public progress query (办件查询) without login, throttled per client address."""
