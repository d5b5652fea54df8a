#!/usr/bin/python3
"""Keystone's own Fernet code as a test oracle for Xloud Identity.

Reads one JSON request on stdin (or {"op": "batch", "requests": [...]}, run in
order), writes the JSON response(s) on stdout. Every
operation goes through the installed Keystone (Debian python3-keystone):
TokenFormatter for tokens, FernetUtils for key repositories, configured via
keystone.conf CONF overrides exactly as keystone.conf would.

Exit status 3 means a module is missing: the interop tests report it as a
failure (not a skip), because without the oracle nothing proves compatibility.
"""

import json
import sys

try:
    import cryptography
    from cryptography import fernet
    import msgpack
    import keystone.conf
    from keystone.common import fernet_utils
    from keystone.token import token_formatters
    from keystone.receipt import receipt_formatters
    from keystone.auth.plugins import totp as keystone_totp
    from oslo_utils import timeutils
except ImportError as error:  # pragma: no cover - environment problem
    sys.stderr.write(
        'keystone_fernet_oracle: cannot import %s with %s. Install Debian\'s '
        'python3-keystone (apt-get install python3-keystone), which brings '
        'cryptography and msgpack.\n' % (error.name, sys.executable))
    sys.exit(3)

CONF = keystone.conf.CONF


def configure(request):
    if 'repo' in request:
        CONF.set_override('key_repository', request['repo'], 'fernet_tokens')
    CONF.set_override('max_active_keys', request.get('max_active_keys', 3),
                      'fernet_tokens')
    if 'methods' in request:
        CONF.set_override('methods', request['methods'], 'auth')
    CONF.set_override('default_domain_id',
                      request.get('default_domain_id', 'default'), 'identity')


def key_utils(request):
    return fernet_utils.FernetUtils(
        request['repo'], request.get('max_active_keys', 3), 'fernet_tokens')


def payload_class(version):
    for cls in token_formatters._PAYLOAD_CLASSES:
        if cls.version == version:
            return cls
    raise ValueError('no payload class for version %r' % version)


def issue_args(spec):
    """TokenFormatter.create_token keyword arguments from a JSON spec."""
    return dict(
        user_id=spec['user_id'],
        expires_at=spec['expires_at'],
        audit_ids=spec['audit_ids'],
        payload_class=payload_class(spec['version']),
        methods=spec['methods'],
        system=spec.get('system'),
        domain_id=spec.get('domain_id'),
        project_id=spec.get('project_id'),
        trust_id=spec.get('trust_id'),
        federated_group_ids=spec.get('federated_group_ids'),
        identity_provider_id=spec.get('identity_provider_id'),
        protocol_id=spec.get('protocol_id'),
        access_token_id=spec.get('access_token_id'),
        app_cred_id=spec.get('app_cred_id'),
    )


def pack(spec):
    """The plaintext Keystone would encrypt: create_token's packb step."""
    args = issue_args(spec)
    cls = args.pop('payload_class')
    payload = cls.assemble(
        args['user_id'], args['methods'], args['system'], args['project_id'],
        args['domain_id'], args['expires_at'], args['audit_ids'],
        args['trust_id'], args['federated_group_ids'],
        args['identity_provider_id'], args['protocol_id'],
        args['access_token_id'], args['app_cred_id'])
    return msgpack.packb((cls.version,) + payload)


def validate(formatter, token):
    try:
        (user_id, methods, audit_ids, system, domain_id, project_id, trust_id,
         federated_group_ids, identity_provider_id, protocol_id,
         access_token_id, app_cred_id, issued_at,
         expires_at) = formatter.validate_token(token)
    except Exception as error:  # noqa: B902 - report every failure kind
        return {'error': type(error).__name__, 'message': str(error)}
    return {
        'user_id': user_id, 'methods': methods, 'audit_ids': audit_ids,
        'system': system, 'domain_id': domain_id, 'project_id': project_id,
        'trust_id': trust_id, 'app_cred_id': app_cred_id,
        'federated_group_ids': federated_group_ids,
        'identity_provider_id': identity_provider_id,
        'protocol_id': protocol_id, 'access_token_id': access_token_id,
        'issued_at': issued_at, 'expires_at': expires_at,
        'plaintext_hex': formatter.unpack(token).hex(),
    }


def handle(request):
    configure(request)
    op = request['op']
    formatter = token_formatters.TokenFormatter()
    if op == 'versions':
        import importlib.metadata
        return {'keystone': importlib.metadata.version('keystone'),
                'cryptography': cryptography.__version__,
                'msgpack': '.'.join(map(str, msgpack.version))}
    if op == 'setup_keys':
        utils = key_utils(request)
        utils.create_key_directory()
        utils.initialize_key_repository()
        return {'keys': utils.load_keys()}
    if op == 'rotate_keys':
        utils = key_utils(request)
        utils.rotate_keys()
        return {'keys': utils.load_keys()}
    if op == 'load_keys':
        return {'keys': key_utils(request).load_keys()}
    if op == 'issue':
        return {'tokens': [
            formatter.create_token(**issue_args(spec))
            for spec in request['specs']]}
    if op == 'pack':
        return {'plaintexts_hex': [pack(spec).hex()
                                   for spec in request['specs']]}
    if op == 'validate':
        return {'results': [validate(formatter, token)
                            for token in request['tokens']]}
    if op == 'issue_receipts':
        # ReceiptFormatter reads [fernet_receipts]; receipts share [auth] methods with tokens.
        CONF.set_override('key_repository', request['repo'], 'fernet_receipts')
        receipts = receipt_formatters.ReceiptFormatter()
        return {'receipts': [
            receipts.create_receipt(spec['user_id'], spec['methods'],
                                    spec['expires_at'])
            for spec in request['specs']]}
    if op == 'validate_receipts':
        CONF.set_override('key_repository', request['repo'], 'fernet_receipts')
        receipts = receipt_formatters.ReceiptFormatter()
        results = []
        for receipt in request['receipts']:
            try:
                user_id, methods, issued_at, expires_at = \
                    receipts.validate_receipt(receipt)
                results.append({'user_id': user_id, 'methods': methods,
                                'issued_at': issued_at,
                                'expires_at': expires_at})
            except Exception as error:  # the oracle reports, the test judges
                results.append({'error': type(error).__name__})
        return {'results': results}
    if op == 'totp_passcodes':
        # Keystone's own passcode generator at a pinned time.
        timeutils.set_time_override(
            timeutils.parse_isotime(request['at']).replace(tzinfo=None))
        try:
            return {'passcodes': keystone_totp._generate_totp_passcodes(
                request['secret'], request.get('previous_windows', 0))}
        except (ValueError, TypeError) as error:  # what the plugin catches
            return {'error': type(error).__name__}
        finally:
            timeutils.clear_time_override()
    if op == 'seal':
        # Fernet with a pinned IV and time, to compare whole tokens byte for byte.
        token = fernet.Fernet(request['key'].encode())._encrypt_from_parts(
            bytes.fromhex(request['plaintext_hex']), request['timestamp'],
            bytes.fromhex(request['iv_hex']))
        return {'token': token.rstrip(b'=').decode()}
    raise ValueError('unknown op %r' % op)


def main():
    keystone.conf.configure()
    CONF(args=[], project='keystone', default_config_files=[])
    request = json.load(sys.stdin)
    # A batch saves the ~1 s Keystone import per operation.
    if request['op'] == 'batch':
        json.dump([handle(r) for r in request['requests']], sys.stdout)
    else:
        json.dump(handle(request), sys.stdout)


if __name__ == '__main__':
    main()
