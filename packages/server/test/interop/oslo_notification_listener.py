"""A real oslo.messaging notification listener for the notifications interop test.

Usage: oslo_notification_listener.py TRANSPORT_URL EXCHANGE TOPIC POOL OUT_FILE

Writes one JSON line per notification received ({"event_type", "payload", "publisher_id", "metadata"}) to
OUT_FILE, after a first line {"ready": true} once it consumes. Runs until SIGTERM.
"""
import json
import signal
import sys
import threading

from oslo_config import cfg
import oslo_messaging

transport_url, exchange, topic, pool, out_path = sys.argv[1:6]
out = open(out_path, 'a', buffering=1)
lock = threading.Lock()


def write(record):
    with lock:
        out.write(json.dumps(record) + '\n')


class Endpoint(object):
    # No NotificationFilter: everything published to the topic arrives here.
    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        write({'event_type': event_type, 'payload': payload, 'publisher_id': publisher_id, 'metadata': metadata})


conf = cfg.ConfigOpts()
conf([], default_config_files=[])
transport = oslo_messaging.get_notification_transport(conf, url=transport_url)
targets = [oslo_messaging.Target(topic=topic, exchange=exchange)]
listener = oslo_messaging.get_notification_listener(transport, targets, [Endpoint()], executor='threading', pool=pool)
stopped = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stopped.set())
listener.start()
write({'ready': True})
stopped.wait()
listener.stop()
listener.wait()
transport.cleanup()
