"""keystonemiddleware's oauth2_token filter (Debian python3-keystonemiddleware) in front of a WSGI app.

argv: auth_url (…/v3) admin_password access_token
Sends two requests through the filter, `Authorization: Bearer <access_token>` and a bogus bearer token, and prints
JSON: [{"status": int, "seen": {HTTP_X_* headers the app received} or null}, …].
"""
import json
import logging
import sys

import webob
from keystonemiddleware import oauth2_token

logging.disable(logging.CRITICAL)
auth_url, password, access_token = sys.argv[1:4]
seen = {}


def app(environ, start_response):
    seen.update({k: v for k, v in environ.items() if k.startswith('HTTP_X_')})
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'ok']


conf = {
    'auth_type': 'password',
    'auth_url': auth_url,
    'username': 'admin',
    'password': password,
    'project_name': 'admin',
    'user_domain_id': 'default',
    'project_domain_id': 'default',
    'www_authenticate_uri': auth_url,
    'delay_auth_decision': 'false',
}
middleware = oauth2_token.filter_factory({}, **conf)(app)
out = []
for token in (access_token, 'not-a-token'):
    request = webob.Request.blank('/')
    request.headers['Authorization'] = 'Bearer ' + token
    response = request.get_response(middleware)
    out.append({'status': response.status_int, 'seen': dict(seen) if response.status_int == 200 else None})
    seen.clear()
print(json.dumps(out))
