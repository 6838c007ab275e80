"""The API's documentation page: the OpenAPI schema rendered as plain HTML on the server.

ninja's own pages (Swagger UI, Redoc) are a megabyte of script with an inline start-up script
or a CDN; the site's Content-Security-Policy allows neither, and readers' pages work without
JavaScript. This page is the same schema, readable without any.
"""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.site.metadata import site_meta
from newsroom.api.endpoints import api
from newsroom.api.keys import HEADER


def type_name(schema):
    """A field's type in words: "string (date-time)", "list of Picture", "Picture or null"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(type_name(option) for option in schema["anyOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {type_name(schema.get('items', {}))}"
    if "format" in schema:
        return f"{kind} ({schema['format']})"
    return kind


def fields_of(schema):
    required = set(schema.get("required", ()))
    return [
        {
            "name": name,
            "type": type_name(field),
            "required": name in required,
            "description": field.get("description", ""),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield {
                "id": operation["operationId"],
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "parameters": [
                    {
                        "name": parameter["name"],
                        "where": parameter["in"],
                        "type": type_name(parameter.get("schema", {})),
                        "required": parameter.get("required", False),
                        "description": parameter.get("description", ""),
                    }
                    for parameter in operation.get("parameters", [])
                ],
                "responses": [
                    {
                        "status": status,
                        "type": type_name(
                            answer.get("content", {}).get("application/json", {}).get("schema", {})
                        ),
                    }
                    for status, answer in operation["responses"].items()
                ],
            }


@require_safe
def docs(request):
    schema = api.get_openapi_schema(path_prefix=reverse("api:api-root"))
    base = request.build_absolute_uri(reverse("api:api-root")).rstrip("/")
    return render(
        request,
        "api/docs.html",
        {
            "meta": site_meta(request, title="Content API"),
            "schema": schema,
            "header": HEADER,
            "base": base,
            "openapi_url": reverse("api:openapi-json"),
            "operations": list(operations(schema)),
            "components": [
                {
                    "name": name,
                    "description": part.get("description", ""),
                    "fields": fields_of(part),
                }
                for name, part in schema.get("components", {}).get("schemas", {}).items()
            ],
        },
    )
