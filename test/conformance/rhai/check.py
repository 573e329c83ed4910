#!/usr/bin/env python3
"""Format checker for the Rhai conformance corpus. See README.md. No dependencies."""
import os
import re
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
DIRECTIVE = re.compile(r'^// (source|expect|expect-print|expect-error|expect-parse-error)(?:(:) ?(.*))?$')
POS = re.compile(r' \(line \d+, position \d+\)$')


def is_module_file(rel, first_line):
    return 'mods' in rel.split(os.sep)[:-1] or first_line.startswith('// module-file')


def check_file(path):
    errs = []
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if not text.endswith('\n'):
        errs.append('file does not end with a newline')
    d = Counter()
    code_lines = 0
    for line in text.split('\n'):
        m = DIRECTIVE.match(line)
        if m:
            kind, colon, payload = m.group(1), m.group(2), m.group(3)
            d[kind] += 1
            if kind == 'source' and not (payload or '').strip():
                errs.append('empty source')
            if kind in ('source', 'expect', 'expect-error') and colon is None:
                errs.append('%s needs a payload' % kind)
        elif line.strip() and not line.startswith('//'):
            code_lines += 1
    if d['source'] != 1:
        errs.append('needs exactly one // source: line (found %d)' % d['source'])
    if not (d['expect'] or d['expect-print'] or d['expect-error'] or d['expect-parse-error']):
        errs.append('no expect / expect-print / expect-error / expect-parse-error line')
    if d['expect'] > 1:
        errs.append('more than one // expect: line')
    if d['expect-parse-error'] > 1:
        errs.append('more than one // expect-parse-error line')
    if d['expect'] and (d['expect-error'] or d['expect-parse-error']):
        errs.append('expect combined with an error expectation')
    if d['expect-error'] and d['expect-parse-error']:
        errs.append('expect-error combined with expect-parse-error')
    if code_lines == 0:
        errs.append('no script code')
    return errs


def main():
    per_folder = Counter()
    bad = 0
    tests = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames.sort()
        for fn in sorted(filenames):
            if not fn.endswith('.rhai'):
                continue
            path = os.path.join(dirpath, fn)
            rel = os.path.relpath(path, ROOT)
            with open(path, encoding='utf-8') as f:
                first = f.readline()
            if is_module_file(rel, first):
                continue
            tests.append(rel)
            per_folder[rel.split(os.sep)[0]] += 1
            for e in check_file(path):
                print('%s: %s' % (rel, e))
                bad += 1
    man = os.path.join(ROOT, 'manifest.txt')
    if os.path.exists(man):
        listed = [l for l in open(man, encoding='utf-8').read().split('\n') if l]
        if sorted(listed) != sorted(tests):
            missing = set(tests) - set(listed)
            extra = set(listed) - set(tests)
            print('manifest.txt mismatch: %d unlisted, %d stale' % (len(missing), len(extra)))
            bad += 1
    for k in sorted(per_folder):
        print('%-20s %4d' % (k, per_folder[k]))
    print('%-20s %4d' % ('TOTAL', sum(per_folder.values())))
    if bad:
        print('FAILED: %d problem(s)' % bad)
        return 1
    print('OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
