#!/usr/bin/env python3
"""A stand-in for OpenPhone's REST API v1, shared by every instance under bench/faults.sh.

Why not the built-in simulator: it lives inside each instance (in memory), so two instances would
see two OpenPhones, and it can't be told to fail. Why not WireMock: counting POSTs per text and per
second, storing sends so that GET /v1/messages finds them (reconciliation), and switching faults
at run time would all need custom extensions; this is ~200 lines of stdlib.

OpenPhone endpoints (the shapes of OpenPhoneClient and its records, as the simulator answers them):
  POST /v1/messages            {content, from, to:[…]} → 202 {"data": message}; message id AC…
  GET  /v1/messages            phoneNumberId, participants[], maxResults, pageToken, createdAfter;
                               newest first, {"data":[…],"totalItems":n,"nextPageToken":…}
  GET  /v1/messages/{id}       {"data": message} or 404
  GET  /v1/contacts            an empty page (the service loads contacts 5 s after start)
  GET  /v1/phone-numbers       our one line
Every /v1 call needs some Authorization header (401 otherwise), like OpenPhone.

Control (not OpenPhone):
  POST /_mode {"mode": "ok"|"429"|"500"|"slow"|"reset", "delay": seconds}
       429   → 429 + Retry-After: 1, OpenPhone's error body
       500   → 500, OpenPhone's error body
       slow  → answers normally after `delay` seconds (default 5)
       reset → TCP reset (RST) instead of an answer; every other POST is stored first, so that half
               the resets are "OpenPhone accepted it but the answer was lost" (only a look-up
               before resending avoids a duplicate) and half "the request never arrived"
  POST /_reset  forget everything received (between scenarios)
  GET  /_received  one line per /v1 request: epoch seconds, method, outcome, message id, text
               (tab-separated; outcome "stored" = accepted and kept, "stored-reset" = kept, then reset)

Usage: python3 bench/fake_openphone.py 8209
"""
import json
import socket
import struct
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LINE = "+19025550100"
lock = threading.Lock()
state = {"mode": "ok", "delay": 5.0, "resets": 0}
messages = []   # accepted sends, oldest first
requests = []   # (t, method, outcome, id, text) per /v1 request


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_instant(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def error_body(status, code, title, message):
    return {"message": message, "code": code, "status": status, "docs": "https://www.openphone.com/docs",
            "title": title, "errors": []}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive, like OpenPhone; the REST client pools connections

    def log_message(self, fmt, *args):   # quiet: thousands of requests
        pass

    def answer(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def reset(self):
        # SO_LINGER 0 then close: the kernel sends RST, the client sees "connection reset".
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def record(self, t, outcome, message_id="", text=""):
        with lock:
            requests.append((t, self.command, outcome, message_id, text))

    # --- control ---------------------------------------------------------------------------------

    def control(self):
        if self.path == "/_mode" and self.command == "POST":
            wanted = json.loads(self.body() or b"{}")
            with lock:
                state["mode"] = wanted.get("mode", "ok")
                state["delay"] = float(wanted.get("delay", 5))
            return self.answer(200, dict(state))
        if self.path == "/_reset" and self.command == "POST":
            self.body()
            with lock:
                messages.clear()
                requests.clear()
                state.update(mode="ok", delay=5.0, resets=0)
            return self.answer(200, {"ok": True})
        if self.path == "/_received" and self.command == "GET":
            with lock:
                lines = ["%.3f\t%s\t%s\t%s\t%s" % r for r in requests]
            data = ("\n".join(lines) + "\n").encode() if lines else b""
            self.send_response(200)
            self.send_header("Content-Type", "text/tab-separated-values")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return None
        return self.answer(404, error_body(404, "0200404", "Not Found", "No such control endpoint"))

    # --- OpenPhone -------------------------------------------------------------------------------

    def api(self):
        t = time.time()
        payload = self.body() if self.command == "POST" else b""
        with lock:
            mode, delay = state["mode"], state["delay"]
        if not self.headers.get("Authorization"):
            self.record(t, "401")
            return self.answer(401, error_body(401, "0200401", "Unauthorized", "Missing API key"))
        if mode == "429":
            self.record(t, "429")
            return self.answer(429, error_body(429, "0200429", "Too Many Requests", "Rate limit exceeded"),
                               [("Retry-After", "1")])
        if mode == "500":
            self.record(t, "500")
            return self.answer(500, error_body(500, "0201500", "Internal Server Error", "Something went wrong"))
        if mode == "reset":
            stored = None
            if self.command == "POST":
                with lock:
                    state["resets"] += 1
                    store_first = state["resets"] % 2 == 1
                if store_first:
                    stored = self.store(t, payload, "stored-reset")
            if stored is None:
                self.record(t, "reset")
            return self.reset()
        if mode == "slow":
            time.sleep(delay)
        url = urlsplit(self.path)
        if self.command == "POST" and url.path == "/v1/messages":
            request = json.loads(payload or b"{}")
            if not request.get("content") or not request.get("to") or not request.get("from"):
                self.record(t, "400")
                return self.answer(400, error_body(400, "0100400", "Bad Request", "Invalid request"))
            return self.answer(202, {"data": self.store(t, payload, "stored")})
        if self.command == "GET" and url.path == "/v1/messages":
            self.record(t, "200")
            return self.answer(200, self.listing(parse_qs(url.query)))
        if self.command == "GET" and url.path.startswith("/v1/messages/"):
            self.record(t, "200")
            wanted = url.path.rsplit("/", 1)[1]
            with lock:
                found = [m for m in messages if m["id"] == wanted]
            if found:
                return self.answer(200, {"data": found[0]})
            return self.answer(404, error_body(404, "0200404", "Not Found", "Message not found"))
        if self.command == "GET" and url.path == "/v1/contacts":
            self.record(t, "200")
            return self.answer(200, {"data": [], "totalItems": 0, "nextPageToken": None})
        if self.command == "GET" and url.path == "/v1/phone-numbers":
            self.record(t, "200")
            return self.answer(200, {"data": [{"id": "PNfake0100", "name": "Bench line", "number": LINE,
                                               "formattedNumber": "(902) 555-0100", "users": []}]})
        self.record(t, "404")
        return self.answer(404, error_body(404, "0200404", "Not Found", "Not Found"))

    def store(self, t, payload, outcome):
        request = json.loads(payload or b"{}")
        message = {"id": "AC" + uuid.uuid4().hex[:24], "to": list(request["to"]), "from": request["from"],
                   "text": request["content"], "phoneNumberId": None, "direction": "outgoing",
                   "userId": "USfake", "status": "sent", "createdAt": iso(t), "updatedAt": iso(t)}
        with lock:
            messages.append(message)
            requests.append((t, "POST", outcome, message["id"], message["text"].replace("\t", " ").replace("\n", " ")))
        return message

    def listing(self, query):
        line = (query.get("phoneNumberId") or [None])[0]
        who = set(query.get("participants[]", []) + query.get("participants", []))
        limit = int((query.get("maxResults") or ["10"])[0])
        offset = int((query.get("pageToken") or ["0"])[0] or 0)
        after = (query.get("createdAfter") or [None])[0]
        after_t = parse_instant(after) if after else None
        with lock:
            found = [m for m in reversed(messages)   # newest first
                     if (line is None or line in (m["from"], *m["to"]))
                     and (not who or who & {m["from"], *m["to"]})
                     and (after_t is None or parse_instant(m["createdAt"]) > after_t)]
        page = found[offset:offset + limit]
        more = offset + limit < len(found)
        return {"data": page, "totalItems": len(found), "nextPageToken": str(offset + limit) if more else None}

    def dispatch(self):
        try:
            if self.path.startswith("/_"):
                self.control()
            else:
                self.api()
        except (BrokenPipeError, ConnectionResetError):
            pass   # the instance died or timed out mid-answer: nothing to tell it

    do_GET = dispatch
    do_POST = dispatch


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        pass   # writes to sockets we reset on purpose


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8209
    Server(("127.0.0.1", port), Handler).serve_forever()
