import { booleanOption, choiceOption, integerOption, listOption, stringOption, urlOption } from './option-builders.ts';
import { transportUrlOption } from './oslo-messaging-notifications.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[DEFAULT]`. */
export const defaultSection = {
  public_endpoint: urlOption({
    help:
      'Base URL advertised to clients (version discovery, links), e.g. http://127.0.0.1:5000/. ' +
      'Unset: derived from each request. Set it when a proxy adds a path prefix or the ' +
      'service is reached under another host name. It does not change where we listen.',
  }),
  workers: integerOption({
    min: 1,
    help:
      'Server processes answering the API on one port (node:cluster), each with its own caches and database pool ' +
      '([database] max_pool_size is per process). Unset: one per CPU (os.availableParallelism()), or 1 with an ' +
      'in-memory SQLite database, which a second process could not share. 1: a single process, no cluster. ' +
      'A change made through one process (token revoked, user disabled, role removed, password changed) reaches ' +
      'the others before its response is sent.',
  }),
  max_request_body_size: integerOption({
    default: 114688,
    min: 0,
    help:
      'Largest accepted request body in bytes. (Keystone reads this from ' +
      '[oslo_middleware]; older keystone.conf files have it here.)',
  }),
  list_limit: integerOption({
    help:
      'Maximum number of entities returned in a collection, unless a section sets its own ' +
      'list_limit. Unset: no limit.',
  }),
  max_project_tree_depth: integerOption({
    default: 5,
    help: 'Maximum depth of the project hierarchy, counting the top-level project.',
  }),
  max_token_size: integerOption({
    default: 255,
    help:
      'Longest X-Auth-Token / X-Subject-Token accepted, in characters; a longer one is refused as invalid without ' +
      'being decoded. Fernet tokens fit in 255.',
  }),
  enable_proxy_headers_parsing: booleanOption({
    default: false,
    help:
      'Trust X-Forwarded-For/-Proto/-Host from a reverse proxy when building links. Keystone reads ' +
      'this from [oslo_middleware]. Leave off unless a proxy you control sets these headers.',
  }),
  strict_password_check: booleanOption({
    default: false,
    help:
      'Reject passwords longer than [identity] max_password_length (72 bytes with bcrypt) ' +
      'instead of silently truncating them.',
  }),
  insecure_debug: booleanOption({
    default: false,
    help:
      'Put internal details into error responses (e.g. why authentication failed). Never ' +
      'enable in production: it helps attackers as much as operators.',
  }),
  debug: booleanOption({
    default: false,
    help:
      "Log at debug level (oslo.log's option, registered in [DEFAULT]): adds each request's headers (secrets " +
      'redacted), the policy decision with its rule, and the SQL-level cause of errors.',
  }),
  log_file: stringOption({
    help:
      "Write the log to this file instead of standard output (oslo.log's option). A relative path is under " +
      'log_dir. Lines are JSON, one per event; rotate with logrotate using copytruncate.',
  }),
  log_dir: stringOption({
    help: "Directory of log_file (oslo.log's option). With no log_file, the log goes to xloud-identity.log in it.",
  }),
  use_stderr: booleanOption({
    default: false,
    help: "Log to standard error instead of standard output (oslo.log's option), when no log file is set.",
  }),
  transport_url: transportUrlOption(
    "The message broker (oslo.messaging's option), rabbit://user:password@host:port/virtual_host; notifications use " +
      'it unless [oslo_messaging_notifications] transport_url is set.',
  ),
  control_exchange: stringOption({
    default: 'keystone',
    help: "The topic exchange notifications are published to (oslo.messaging's option; Keystone sets it to keystone).",
  }),
  default_publisher_id: stringOption({
    help: "The host part of the notifications' publisher_id, identity.<host>. Unset: this machine's host name.",
  }),
  notification_format: choiceOption({
    choices: ['basic', 'cadf'] as const,
    default: 'cadf',
    help:
      'Payload of identity notifications: cadf is a CADF event (initiator, target, observer, action, outcome), basic ' +
      'only {"resource_info": <id>}. identity.authenticate and identity.role_assignment.* are CADF either way, as in Keystone.',
  }),
  notification_opt_out: listOption({
    default: ['identity.authenticate.success', 'identity.authenticate.pending', 'identity.authenticate.failed'],
    multi: true,
    help:
      'Notifications not sent, by event type (identity.user.created, …); authentication events are matched as ' +
      "identity.authenticate.<outcome> with outcome success, failure or pending. Keystone's default lists " +
      'identity.authenticate.failed, which matches no outcome, so failed sign-ins are sent by default, as by Keystone. ' +
      'Repeated lines add up, as in Keystone (comma-separated works too). The audit trail ([audit]) records every event regardless.',
  }),
} satisfies SectionSchema;
