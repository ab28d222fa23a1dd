"""Runs the OASIS stix2-validator on files; prints {"file": true|false, ...} as JSON.

Usage: validate_files.py FILE...
Default options (not strict): a file is valid when no MUST rule fails.
"""
import json
import sys

from stix2validator import ValidationOptions, validate_file

options = ValidationOptions(version="2.1")
result = {}
for path in sys.argv[1:]:
    try:
        result[path] = bool(validate_file(path, options).is_valid)
    except Exception:  # the validator raises on some malformed input: that is a rejection
        result[path] = False
print(json.dumps(result))
