"""How the api serves the widget: the demo page and widget files with their headers (CSP,
content types, caching with ETags, no path traversal), and another site embedding the
widget with one script tag (its own origin, allowed by CORS).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.widget_support import ThirdPartySite, conversation_id, say, widget


def test_demo_page_and_files_are_served_with_the_right_headers(page: Page, api_url: str) -> None:
    response = page.request.get(api_url + "/")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert '<script src="/widget/pgb-chat.js"' in response.text()
    files = [
        ("pgb-chat.js", "text/javascript"),
        ("pgb-chat-app.js", "text/javascript"),
        ("pgb-chat-texts.js", "text/javascript"),
        ("pgb-chat-render.js", "text/javascript"),
        ("pgb-chat-live.js", "text/javascript"),
        ("pgb-chat-store.js", "text/javascript"),
        ("pgb-chat-send.js", "text/javascript"),
        ("pgb-chat-callback.js", "text/javascript"),
        ("pgb-chat.css", "text/css"),
    ]
    for name, kind in files:
        response = page.request.get(f"{api_url}/widget/{name}")
        assert response.status == 200
        assert response.headers["content-type"].startswith(kind)
        assert "max-age" in response.headers["cache-control"]
        etag = response.headers["etag"]
        again = page.request.get(f"{api_url}/widget/{name}", headers={"If-None-Match": etag})
        assert again.status == 304
    assert page.request.get(api_url + "/widget/../api/main.py").status == 404
    assert page.request.get(api_url + "/widget/demo.html").status == 404


def test_another_site_embeds_the_widget_with_one_tag(
    page: Page, api_url: str, third_party: ThirdPartySite
) -> None:
    tag = f'<script src="{api_url}/widget/pgb-chat.js" data-api-url="{api_url}" defer></script>'
    html = (
        f'<!doctype html><html lang="nl"><title>Zorgsite</title><main><h1>Zorgsite</h1></main>{tag}'
    )
    third_party.html = html.encode()
    page.goto(third_party.url + "/")
    parts = widget(page)
    parts["launcher"].click()
    say(parts, "Hallo vanaf een andere site")
    expect(page.locator(".pgb-msg-bot").last).to_contain_text("echo: Hallo vanaf een andere site")
    assert re.fullmatch(r"[0-9a-f]{32}", conversation_id(page))
