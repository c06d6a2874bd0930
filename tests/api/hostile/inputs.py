"""The hostile inputs of the battery (conftest.py), by where they go."""

from __future__ import annotations

# Text a person or an advisor might send, or someone trying to break in.
TEXTS = {
    "empty": "",
    "whitespace": " \t\n\r ",
    "4000 chars": "a" * 4000,
    "4001 chars": "a" * 4001,
    "60000 chars": "b" * 60_000,
    "1 MB": "c" * 1_000_000,
    "lone high surrogate": "\ud800",
    "lone low surrogate": "hallo \udfff",
    "reversed surrogates": "\udc00\ud800",
    "NUL": "\x00",
    "NUL inside": "mijn pgb\x00 vraag",
    "control characters": "".join(chr(c) for c in range(1, 32)),
    "ANSI escape": "\x1b[31mrood\x1b[0m",
    "RTL override": "pgb \u202egnirahcs\u202c",
    "zero-width": "p\u200bg\u200cb\u200d\ufeff",
    "noncharacters": "\ufffe\uffff\U0010ffff",
    "line separators": "a\u2028b\u2029c\u0085d",
    "emoji flood": "😀" * 3000,
    "family emoji flood": "👨‍👩‍👧‍👦" * 500,
    "combining flood": "e" + "\u0301" * 3000,
    "mixed scripts": "مرحبا 你好 Привет İstanbul ß",
    "SQL quote": "' OR 1=1 --",
    "SQL drop": "'; DROP TABLE messages; --",
    "SQL union": "1 UNION SELECT password_hash FROM advisors",
    "SQL sleep": "'; SELECT pg_sleep(10); --",
    "LIKE wildcards": "%_%\\",
    "HTML script": "<script>alert(1)</script>",
    "HTML img": '<img src=x onerror="alert(1)">',
    "JS URL": "javascript:alert(document.cookie)",
    "template": "{{7*7}} ${7*7} #{7*7} {minutes} {0}",
    "format string": "%s%s%s%n%x",
    "path traversal": "../../../../etc/passwd",
    "encoded traversal": "..%2f..%2f..%2fetc%2fpasswd%00.png",
    "header injection": "hallo\r\nSet-Cookie: pgb_console=evil",
    "JSON in text": '{"text": "x", "conversation_id": "0"}',
    "payload": "/request_human",
    "payload with entities": '/faq/what_is_pgb{"x": "<script>"}',
    "slashes": "////",
    "huge number": "1" + "0" * 400,
    "float overflow": "1e309",
    "negative": "-99999999999999999999",
    "e-mail like": "a" * 250 + "@example.nl",
    "at signs": "@@@@",
    "BSN": "mijn bsn is 111222333",
}

# Request bodies that are not what the endpoint expects (sent as they are).
BODIES = {
    "not JSON": b"{text: hallo}",
    "trailing comma": b'{"text": "hallo",}',
    "truncated": b'{"text": "hal',
    "empty body": b"",
    "JSON null": b"null",
    "JSON list": b'["hallo"]',
    "JSON string": b'"hallo"',
    "JSON number": b"42",
    "deeply nested": b"[" * 60_000 + b"]" * 60_000,
    "nested object": b'{"text": ' + b'{"a": ' * 1000 + b"1" + b"}" * 1000 + b"}",
    "invalid UTF-8": b'{"text": "\xff\xfe\xc3\x28"}',
    "UTF-16": '{"text": "hallo"}'.encode("utf-16"),
    "overlong UTF-8": b'{"text": "\xc0\xaf"}',
    "lone surrogate escape": b'{"text": "\\ud800", "name": "\\udbff", "email": "\\udfff"}',
    "NUL escape": b'{"text": "\\u0000", "name": "\\u0000", "email": "\\u0000"}',
    "raw NUL byte": b'{"text": "a\x00b"}',
    "duplicate keys": b'{"text": "a", "text": "\\ud800"}',
    "huge number": b'{"text": 1' + b"0" * 5000 + b"}",
    "NaN": b'{"text": NaN, "consent": NaN}',
    "Infinity": b'{"text": Infinity}',
    "text is list": b'{"text": ["hallo"]}',
    "text is object": b'{"text": {"$ne": null}}',
    "text is null": b'{"text": null}',
    "text is bool": b'{"text": true, "consent": "yes"}',
    "no fields": b"{}",
    "extra fields": b'{"text": "hallo", "state": "with_advisor", "role": "admin"}',
    "BOM": b'\xef\xbb\xbf{"text": "hallo"}',
}

CONTENT_TYPES = [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "application/xml",
    "application/json; charset=utf-16",
    "application/json; boundary=\x7f",
    "",
]

# Conversation ids as the person's widget would send them in a header (ASCII only: headers).
CONVERSATION_IDS = {
    "unknown": "0" * 32,
    "empty": "",
    "too short": "0" * 31,
    "too long": "0" * 33,
    "upper case": "A" * 32,
    "traversal": "../../etc/passwd",
    "SQL": "' OR '1'='1",
    "very long": "a" * 5000,
    "encoded NUL": "%00" * 10,
    "spaces": " " * 32,
}

# Values in an address: ids and numbers (percent-encoded where they must be).
PATH_IDS = {
    "zero": "0",
    "negative": "-1",
    "huge": "1" + "0" * 30,
    "float": "1.5",
    "exponent": "1e3",
    "word": "abc",
    "NUL": "%00",
    "traversal": "..%2F..%2Fetc",
    "SQL": "1%20OR%201%3D1",
    "unknown": "2147483647",
    "one past the int range": "2147483648",
}

AFTER_VALUES = ["-1", "1" + "0" * 30, "1e400", "NaN", "", "0x10", "%00", "1;2", "2147483648"]

# Where a request body goes.
BODY_URLS = ["/api/chat", "/api/conversation/callback", "/api/advisor/login"]

# Paths and methods nobody should use.
ODD_REQUESTS = [
    ("get", "/api/chat"),
    ("put", "/api/chat"),
    ("delete", "/api/conversation/messages"),
    ("get", "/api/nope"),
    ("get", "/api/advisor/../../etc/passwd"),
    ("get", "/widget/..%2F..%2Fapi%2Fmain.py"),
    ("get", "/console/static/..%2F..%2Fsettings.py"),
    ("get", "/console/%00"),
    ("get", "/" + "a" * 5000),
    ("get", "/api/conversation/messages?after=1&after=2"),
    ("patch", "/api/advisor/login"),
]
