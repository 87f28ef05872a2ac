"""Lists the tools of the Python alpacon-mcp server (alpacax/alpacon-mcp) with their parameters, as JSON.

Usage: python3 scripts/python-tools.py <checkout of alpacax/alpacon-mcp> > tests/fixtures/python-tools.json
Reads tools/*.py with the ast module (nothing is imported or run): every function decorated with @mcp_tool_handler(...) or
@mcp.tool(...), its parameters (required or not, default) and its _meta keys. tests/compat/migrating-doc.test.ts compares this
list with tools/list and keeps docs/migrating.md in step.
"""
import ast
import json
import pathlib
import re
import sys


def tool_decorator(node):
    for d in node.decorator_list:
        if isinstance(d, ast.Call) and (getattr(d.func, 'id', None) == 'mcp_tool_handler' or ast.unparse(d.func) == 'mcp.tool'):
            return d
    return None


def main(root):
    tools = []
    for file in sorted((pathlib.Path(root) / 'tools').glob('*.py')):
        # Python 3.12 `type X = ...` statements are read as plain assignments so older interpreters can parse the file.
        source = re.sub(r'^type (\w+) =', r'\1 =', file.read_text(), flags=re.M)
        for node in ast.parse(source).body:
            if not isinstance(node, (ast.AsyncFunctionDef, ast.FunctionDef)):
                continue
            deco = tool_decorator(node)
            if deco is None:
                continue
            meta = {}
            for kw in deco.keywords:
                if kw.arg == 'meta':
                    meta = ast.literal_eval(kw.value)
            args = node.args
            defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
            params = [
                {'name': a.arg, 'required': d is None, **({} if d is None else {'default': ast.unparse(d)})}
                for a, d in zip(args.args, defaults)
            ]
            tools.append({'name': node.name, 'module': file.stem, 'params': params, 'meta': meta})
    json.dump(tools, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main(sys.argv[1])
