"""Renders test cases with cliff's own formatters (the ones `openstack` uses): the oracle for output.test.ts.

stdin: JSON list of cases {kind: "one"|"list", columns, data, opts}; stdout: JSON list of rendered strings
(or {"error": message}).
"""
import io
import json
import sys
import types

from cliff import lister, show
from cliff.formatters import commaseparated, json_format, shell, table, value, yaml_format
from openstackclient.identity.v3.catalog import EndpointsColumn

FORMATTERS = {
    'table': table.TableFormatter,
    'json': json_format.JSONFormatter,
    'yaml': yaml_format.YAMLFormatter,
    'value': value.ValueFormatter,
    'shell': shell.ShellFormatter,
    'csv': commaseparated.CSVLister,
}


def revive(v):
    if isinstance(v, dict) and v.get('__formattable__') == 'endpoints':
        return EndpointsColumn(v['value'])
    return v


class L(lister.Lister):
    def take_action(self, parsed_args):
        pass


class S(show.ShowOne):
    def take_action(self, parsed_args):
        pass


def render(case):
    o = case['opts']
    args = types.SimpleNamespace(
        columns=o.get('columns', []),
        noindent=o.get('noindent', False),
        max_width=o.get('max_width', 0),
        fit_width=o.get('fit_width', False),
        print_empty=o.get('print_empty', False),
        quote_mode=o.get('quote', 'nonnumeric'),
        sort_columns=o.get('sort_columns', []),
        sort_direction=o.get('sort_direction'),
        prefix=o.get('prefix', ''),
        variables=o.get('variables', []),
    )
    cmd = (L if case['kind'] == 'list' else S).__new__(L if case['kind'] == 'list' else S)
    out = io.StringIO()
    cmd.app = types.SimpleNamespace(stdout=out)
    cmd.formatter = FORMATTERS[o['format']]()
    if case['kind'] == 'list':
        rows = [[revive(v) for v in row] for row in case['data']]
        cmd.produce_output(args, case['columns'], rows)
    else:
        cmd.produce_output(args, case['columns'], [revive(v) for v in case['data']])
    return out.getvalue()


results = []
for case in json.load(sys.stdin):
    try:
        results.append(render(case))
    except Exception as e:  # noqa
        results.append({'error': str(e)})
json.dump(results, sys.stdout)
