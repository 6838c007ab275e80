"""Django-free core of the WordPress WXR importer: streaming parser and body conversion."""
