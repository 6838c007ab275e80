"""The move from WordPress: reading an export, importing it, and answering its old links.

It lives in newsroom/ because an import fills both apps, articles and comments. The parser
(`parser`) and body conversion (`content`) need no Django.
"""
