"""A minimal Streamlit client over the app's own websocket protocol, for load tests.

A real phone's browser does the same thing after it has loaded the page: it opens
``/_stcore/stream`` and sends ``BackMsg.rerun_script`` messages carrying the widget values; the server
runs the script and streams ``ForwardMsg`` deltas back, ending with ``script_finished``. This client
does exactly that (no JavaScript, no rendering), so 50 of them fit on a 2-core machine next to the
server, and the time from "slider moved" to "new content received" is measured where the server's
work ends. What it does not measure — the browser drawing the deltas — is measured once by the
Playwright benchmark (tests/bench/test_exhibit_bench.py).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class RunResult:
    seconds: float
    deltas: int
    finished: bool
    error: str | None = None


@dataclass
class Widget:
    id: str
    kind: str
    label: str
    proto: Any = None
    fragment_id: str = ""  # a widget inside st.fragment reruns only its fragment, as in a browser


@dataclass
class StreamlitClient:
    """One visitor: ``await client.connect()``, ``await client.run()``, ``await client.set(id, value)``."""

    base_url: str  # http://127.0.0.1:8501
    page: str = ""  # url path of the page, "" for home
    query: str = ""  # "lang=zh&t=3000"
    widgets: dict[str, Widget] = field(default_factory=dict)
    page_hash: str = ""
    _ws: Any = None
    _states: dict[str, tuple[str, Any]] = field(default_factory=dict)

    async def connect(self) -> None:
        ws_url = self.base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self._ws = await websockets.connect(
            ws_url, subprotocols=["streamlit"], max_size=64 * 2**20, open_timeout=30,
            origin=self.base_url,
        )  # fmt: skip

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()

    def _back_msg(self, fragment_id: str = "") -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        if self.page_hash:
            state.page_script_hash = self.page_hash
        if fragment_id:
            state.fragment_id = fragment_id
        for widget_id, (kind, value) in self._states.items():
            w = state.widget_states.widgets.add()
            w.id = widget_id
            if kind == "double_array":
                w.double_array_value.data.extend(value)
            elif kind == "int":
                w.int_value = value
            elif kind == "bool":
                w.bool_value = value
            elif kind == "string":
                w.string_value = value
            elif kind == "trigger":
                w.trigger_value = value
            else:
                w.double_value = value
        return msg.SerializeToString()

    async def run(self, timeout: float = 60.0, fragment_id: str = "") -> RunResult:
        """Send one rerun with the current widget values (only ``fragment_id``'s fragment if given, as a
        browser does for a widget inside ``st.fragment``); wait for ``script_finished``."""
        start = time.perf_counter()
        await self._ws.send(self._back_msg(fragment_id))
        deltas = 0
        try:
            async with asyncio.timeout(timeout):
                while True:
                    raw = await self._ws.recv()
                    msg = ForwardMsg()
                    msg.ParseFromString(raw)
                    kind = msg.WhichOneof("type")
                    if kind == "delta":
                        deltas += 1
                        self._collect_widget(msg)
                    elif kind == "navigation":
                        # the page that ran (st.navigation); ``new_session`` names the main script
                        # (app.py), and a rerun sent with that hash runs the default page, not this one
                        self.page_hash = msg.navigation.page_script_hash or self.page_hash
                    elif kind == "page_info_changed":
                        pass
                    elif kind == "script_finished":
                        status = msg.script_finished
                        # 0 = FINISHED_SUCCESSFULLY, 1 = FINISHED_WITH_COMPILE_ERROR,
                        # 2 = FINISHED_EARLY_FOR_RERUN, 3 = FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                        if status == 2:
                            continue
                        return RunResult(
                            time.perf_counter() - start, deltas, True, None if status != 1 else "compile"
                        )
        except TimeoutError:
            return RunResult(time.perf_counter() - start, deltas, False, "timeout")
        except websockets.ConnectionClosed as error:
            return RunResult(time.perf_counter() - start, deltas, False, f"closed: {error}")

    def _collect_widget(self, msg: ForwardMsg) -> None:
        if msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        proto = getattr(element, kind, None)
        widget_id = getattr(proto, "id", None)
        if widget_id:
            self.widgets[widget_id] = Widget(
                widget_id, kind, getattr(proto, "label", ""), proto, msg.delta.fragment_id
            )

    def find(self, kind: str, key_suffix: str) -> Widget | None:
        """The widget of ``kind`` whose id ends with ``key_suffix`` (the user key, e.g. ``url-t``)."""
        return next((w for w in self.widgets.values() if w.kind == kind and w.id.endswith(key_suffix)), None)

    def set(self, widget_id: str, kind: str, value: Any) -> None:
        self._states[widget_id] = (kind, value)
