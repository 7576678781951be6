"""Every string a client can send is bounded: each string property of every request body and query
parameter in the OpenAPI document has a maxLength, an enum or a fixed format; every array has maxItems."""


def _resolve(spec, schema):
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def _unbounded(spec, schema, path, seen):
    schema = _resolve(spec, schema)
    problems = []
    kind = schema.get("type")
    if kind == "string" and not (schema.get("maxLength") or schema.get("enum") or schema.get("format") in ("date",
                                                                                                          "date-time")):
        problems.append(path)
    if kind == "array":
        if "maxItems" not in schema:
            problems.append(f"{path}[] (no maxItems)")
        problems += _unbounded(spec, schema.get("items", {}), f"{path}[]", seen)
    for name, prop in schema.get("properties", {}).items():
        if prop.get("readOnly"):
            continue
        problems += _unbounded(spec, prop, f"{path}.{name}", seen)
    return problems


def test_every_request_string_and_list_is_length_limited(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    problems = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            label = f"{method.upper()} {path}"
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body:
                problems += _unbounded(spec, body, f"{label} body", set())
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    problems += _unbounded(spec, parameter.get("schema", {}), f"{label} ?{parameter['name']}", set())
    assert problems == []
