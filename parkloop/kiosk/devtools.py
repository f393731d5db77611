"""Is the kiosk's page alive? Ask Chromium's DevTools (remote debugging) port to run one line of JavaScript.

A browser can run and still hang: a renderer stuck in a loop, a page frozen after a graphics fault. The
browser unit is then "active" and systemd sees nothing wrong. ``kiosk/run-kiosk.sh`` starts Chromium with
``--remote-debugging-port`` (``PARKLOOP_KIOSK_DEVTOOLS_PORT``, 9222; on 127.0.0.1 only), and
:func:`page_responsive` asks the kiosk's page to evaluate ``document.readyState`` over the DevTools
protocol (``Runtime.evaluate``): a page that does not answer within ``timeout_s`` is hung.

Standard library only (the watchdog runs from a systemd timer with the app's venv, and must not depend on
a test extra): the DevTools list over HTTP, then one WebSocket (RFC 6455) exchange on a plain socket.
Local addresses only.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import struct
import urllib.request
from urllib.parse import urlsplit

DEFAULT_PORT = 9222
HOST = "127.0.0.1"
EXPRESSION = "document.readyState"


class DevToolsError(OSError):
    """The DevTools endpoint answered something that is not the protocol."""


def pages(port: int, timeout_s: float = 5.0, host: str = HOST) -> list[dict]:
    """The browser's open pages (``/json/list``, ``type == "page"``). Raises ``OSError`` when nothing
    listens (``ConnectionRefusedError``) or the browser process does not answer (``TimeoutError``)."""
    with urllib.request.urlopen(f"http://{host}:{port}/json/list", timeout=timeout_s) as response:  # noqa: S310
        listed = json.loads(response.read().decode("utf-8"))
    return [
        target for target in listed if target.get("type") == "page" and target.get("webSocketDebuggerUrl")
    ]


def _recv_exact(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise DevToolsError("connection closed")
        data += chunk
    return data


def _send_text(sock: socket.socket, text: str) -> None:
    """One masked text frame (a client's frames are masked, RFC 6455 §5.3)."""
    payload = text.encode("utf-8")
    header = bytearray([0x81])
    if len(payload) < 126:
        header.append(0x80 | len(payload))
    elif len(payload) < 65536:
        header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
    else:
        header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
    mask = os.urandom(4)
    sock.sendall(bytes(header) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def _recv_message(sock: socket.socket) -> str:
    """The next text message (continuation frames joined; pings answered; control frames skipped)."""
    parts: list[bytes] = []
    while True:
        first, second = _recv_exact(sock, 2)
        opcode, length = first & 0x0F, second & 0x7F
        if length == 126:
            length = struct.unpack(">H", _recv_exact(sock, 2))[0]
        elif length == 127:
            length = struct.unpack(">Q", _recv_exact(sock, 8))[0]
        mask = _recv_exact(sock, 4) if second & 0x80 else b""
        payload = _recv_exact(sock, length)
        if mask:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        if opcode == 0x8:
            raise DevToolsError("closed by the browser")
        if opcode == 0x9:  # ping: answer with a pong carrying the same data
            sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + b"\0\0\0\0" + payload)
            continue
        if opcode in (0x1, 0x0):
            parts.append(payload)
            if first & 0x80:
                return b"".join(parts).decode("utf-8")


def _connect(ws_url: str, timeout_s: float) -> socket.socket:
    parts = urlsplit(ws_url)
    if parts.scheme != "ws" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise DevToolsError(f"not a local DevTools address: {ws_url}")
    sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout_s)
    key = base64.b64encode(os.urandom(16)).decode("ascii")
    sock.sendall(
        (
            f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode("ascii")
    )
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(1024)
        if not chunk:
            raise DevToolsError("no handshake")
        head += chunk
    if not head.startswith(b"HTTP/1.1 101"):
        sock.close()
        raise DevToolsError(head.split(b"\r\n", 1)[0].decode("latin-1"))
    return sock


def evaluate(ws_url: str, expression: str, timeout_s: float, *, wait: bool = True) -> object:
    """``Runtime.evaluate`` of ``expression`` in the page at ``ws_url``; its value. Raises
    ``TimeoutError`` when the page gives no answer within ``timeout_s``. With ``wait=False`` the command
    is only sent (tests use it to make a page hang)."""
    sock = _connect(ws_url, timeout_s)
    try:
        command = {
            "id": 1,
            "method": "Runtime.evaluate",
            "params": {"expression": expression, "returnByValue": True},
        }
        _send_text(sock, json.dumps(command))
        if not wait:
            return None
        while True:
            message = json.loads(_recv_message(sock))
            if message.get("id") == 1:
                return message.get("result", {}).get("result", {}).get("value")
    finally:
        sock.close()


def page_responsive(
    port: int, *, url_prefix: str | None = None, timeout_s: float = 10.0, host: str = HOST
) -> bool | None:
    """``True``: the kiosk's page (the first page whose address starts with ``url_prefix``, else the
    first page) answered within ``timeout_s``; ``False``: the browser or the page did not answer — hung;
    ``None``: nothing listens on ``port`` (a browser started without the port, or not running: the
    caller's unit check decides)."""
    try:
        listed = pages(port, timeout_s, host)
    except (OSError, ValueError) as error:  # urllib wraps a refused or timed-out connection in URLError
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            return False  # the browser process itself does not answer
        return None
    if not listed:
        return False  # a browser without a page shows nothing
    chosen = next(
        (p for p in listed if url_prefix and str(p.get("url", "")).startswith(url_prefix)), listed[0]
    )
    try:
        return evaluate(chosen["webSocketDebuggerUrl"], EXPRESSION, timeout_s) in (
            "loading",
            "interactive",
            "complete",
        )
    except (OSError, ValueError):  # TimeoutError among them: no answer in time
        return False
