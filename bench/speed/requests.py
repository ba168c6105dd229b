"""Writes the requests bench/speed/replay.lua replays, one per line (see there).

  python3 requests.py webhooks COUNT PREFIX > file   signed message.received, 70 % from a new customer,
                                                     30 % from 300 regulars (repeat conversations)
  python3 requests.py sends COUNT PREFIX > file      POST /api/messages/send by 50 staff (a token each),
                                                     the same mix of new and regular customers
Signatures use the current time: replay within OPENPHONE_WEBHOOK_TOLERANCE (5 minutes).
Env: SPEED_WEBHOOK_SECRET (base64), SPEED_JWT_SECRET, SPEED_LINE.
"""
import base64, hashlib, hmac, json, os, sys, time, uuid

kind, count, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
line = os.environ.get("SPEED_LINE", "+19025550100")


def customer(i):
    # prefix: an area code no other data uses ("903"); 300 regulars, the others new (exchange 200+: valid NANP).
    return "+1%s%07d" % (prefix, 2000000 + (i % 300 if i % 10 < 3 else 1000 + i))


def jwt(user):
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    now = int(time.time())
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps({"iss": "clubosv1", "aud": "clubosv1-users", "userId": user, "name": "Speed " + user,
                           "role": "operator", "iat": now, "exp": now + 7200}).encode())
    sig = b64(hmac.new(os.environ["SPEED_JWT_SECRET"].encode(), f"{head}.{body}".encode(), hashlib.sha256).digest())
    return f"{head}.{body}.{sig}"


out = sys.stdout
if kind == "webhooks":
    key = base64.b64decode(os.environ["SPEED_WEBHOOK_SECRET"])
    for i in range(count):
        now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        body = json.dumps({"id": "EVsp" + uuid.uuid4().hex, "object": "event", "apiVersion": "v3", "createdAt": now,
                           "type": "message.received",
                           "data": {"object": {"id": "ACsp" + uuid.uuid4().hex, "object": "message",
                                               "from": customer(i), "to": [line], "direction": "incoming",
                                               "text": "speed text %d, see you at 6 \U0001F3CC" % i,
                                               "status": "received", "createdAt": now, "media": []}}},
                          ensure_ascii=False, separators=(",", ":")).encode()
        ts = str(int(time.time() * 1000))
        digest = base64.b64encode(hmac.new(key, ts.encode() + b"." + body, hashlib.sha256).digest()).decode()
        headers = "Content-Type: application/json\1openphone-signature: hmac;1;%s;%s" % (ts, digest)
        out.write("POST\t/api/openphone/webhook\t%s\t%s\n" % (headers, body.decode()))
elif kind == "sends":
    tokens = [jwt("speed-staff-%d" % k) for k in range(50)]
    for i in range(count):
        body = json.dumps({"to": customer(i), "text": "Your bay is ready at 6 (%d)" % i})
        headers = "Content-Type: application/json\1Authorization: Bearer " + tokens[i % 50]
        out.write("POST\t/api/messages/send\t%s\t%s\n" % (headers, body))
else:
    sys.exit("kind: webhooks or sends")
