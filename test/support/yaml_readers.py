#!/usr/bin/env python3
"""Test oracle: reads YAML streams with Python's YAML readers and prints what each decoded, as JSON.

Readers: PyYAML's pure-Python SafeLoader, PyYAML's libyaml-based CSafeLoader (when built with libyaml),
and ruamel.yaml's safe loader (YAML 1.2) when installed.

Input: JSON lines on stdin, each {"yaml": "<a YAML stream>"}. Output: one JSON line per input line,
{"<reader>": {"docs": [...]} or {"error": "..."}, ...}. A decoded value JSON cannot hold (a timestamp, a
non-string key, bytes, an infinite number) becomes {"$unexpected": "<type>", "value": "<repr>"}.
"""
import json
import math
import sys

import yaml

READERS = [("PyYAML " + yaml.__version__, lambda text: list(yaml.load_all(text, Loader=yaml.SafeLoader)))]
if getattr(yaml, "__with_libyaml__", False):
    READERS.append(("PyYAML " + yaml.__version__ + " (libyaml)", lambda text: list(yaml.load_all(text, Loader=yaml.CSafeLoader))))
try:
    import ruamel.yaml

    def ruamel_load(text):
        return list(ruamel.yaml.YAML(typ="safe", pure=True).load_all(text))

    READERS.append(("ruamel.yaml " + ruamel.yaml.__version__, ruamel_load))
except ImportError:
    pass


def unexpected(value):
    return {"$unexpected": type(value).__name__, "value": repr(value)}


def canonical(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else unexpected(value)
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                return unexpected(value)
            out[k] = canonical(v)
        return out
    return unexpected(value)


def check(text):
    result = {}
    for name, load in READERS:
        try:
            result[name] = {"docs": [canonical(d) for d in load(text)]}
        except Exception as e:  # every reader error is a result to report, not a crash
            result[name] = {"error": type(e).__name__ + ": " + str(e)}
    return result


def main():
    if "--readers" in sys.argv:
        print(json.dumps([name for name, _ in READERS]))
        return
    for line in sys.stdin:
        if not line.strip():
            continue
        text = json.loads(line)["yaml"]
        sys.stdout.write(json.dumps(check(text)) + "\n")


if __name__ == "__main__":
    main()
