"""Serves the real Keystone (Debian's python3-keystone) on 127.0.0.1:PORT with a given keystone.conf, for tests.

usage: /usr/bin/python3 keystone_wsgi_server.py KEYSTONE_CONF PORT
Single-threaded wsgiref: enough for a test that populates a Keystone database through its API.
"""
import os
import sys

os.environ["OS_KEYSTONE_CONFIG_FILES"] = sys.argv[1]
port = int(sys.argv[2])
# oslo.config parses the command line too: leave it nothing to misread.
sys.argv = sys.argv[:1]

from wsgiref.simple_server import WSGIRequestHandler, make_server  # noqa: E402

from keystone.server.wsgi import initialize_public_application  # noqa: E402


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


application = initialize_public_application()
print("ready", flush=True)
make_server("127.0.0.1", port, application, handler_class=QuietHandler).serve_forever()
